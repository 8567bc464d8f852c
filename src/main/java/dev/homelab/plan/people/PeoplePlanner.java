package dev.homelab.plan.people;

import dev.homelab.catalog.OptionCatalog;
import dev.homelab.model.Home;
import dev.homelab.model.Person;
import dev.homelab.model.Spec;
import dev.homelab.nix.BindingMerger;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the people of each host: {@code home/<person>.nix}, a person's home-manager profile
 * (shared by every host it applies to), and {@code hosts/<host>/people.nix}, the accounts of
 * the people who name their hosts ({@code hosts:}) and the home-manager wiring of the
 * profiles that apply on the host.
 */
public final class PeoplePlanner {

  private PeoplePlanner() {}

  /** Admins, then users. */
  public static Map<String, Person> people(Spec spec) {
    Map<String, Person> all = new LinkedHashMap<>(spec.admins());
    spec.users().forEach(all::putIfAbsent);
    return all;
  }

  /** The people with an account on a host, admins first. */
  public static Map<String, Person> on(Spec spec, String host) {
    Map<String, Person> out = new LinkedHashMap<>();
    people(spec).forEach((name, p) -> {
      if (p.isOn(host)) {
        out.put(name, p);
      }
    });
    return out;
  }

  /** Whether a person's home profile applies on a host of the spec ({@link Person#hasProfileOn}). */
  public static boolean profileOn(Spec spec, Person p, String host) {
    return p.hasProfileOn(host, spec.hosts().get(host));
  }

  /** The hosts a person's profile applies on, in the spec's order. */
  public static List<String> profileHosts(Spec spec, Person p) {
    return spec.hosts().keySet().stream().filter(h -> profileOn(spec, p, h)).toList();
  }

  /** The file of a person's profile. */
  public static String homeFile(String person) {
    return "home/" + person + ".nix";
  }

  /** {@code home/<person>.nix} for every person with a profile that applies somewhere. */
  public static List<PlannedFile> homes(Spec spec, Headers headers) {
    List<PlannedFile> out = new ArrayList<>();
    people(spec).forEach((name, p) -> {
      List<String> hosts = profileHosts(spec, p);
      if (!hosts.isEmpty()) {
        out.add(home(spec, headers, name, p, hosts));
      }
    });
    return out;
  }

  private static PlannedFile home(Spec spec, Headers headers, String name, Person p, List<String> hosts) {
    Home h = p.home();
    String at = (spec.admins().containsKey(name) ? "admins." : "users.") + name + ".home";
    Bindings b = new Bindings();
    b.comment("The home-manager release this profile was started with (" + at + ".stateVersion).")
        .str("home.stateVersion", h.stateVersion());
    if (h.shell() != null) {
      b.set(List.of("programs", h.shell(), "enable"), NixValue.bool(true));
    }
    if (h.editor() != null) {
      Bindings e = new Bindings().bool("enable", true).bool("defaultEditor", true);
      if (h.editor().equals("neovim")) {
        e.bool("viAlias", true).bool("vimAlias", true);
      }
      b.comment("The editor, and $EDITOR.").set(List.of("programs", h.editor()), e.attrs());
    }
    if (h.git() != null) {
      b.set("programs.git", new Bindings()
          .bool("enable", true)
          .set("settings.user", new Bindings().str("name", h.git().name()).str("email", h.git().email()).attrs())
          .attrs());
    }
    if (h.starship()) {
      b.bool("programs.starship.enable", true);
    }
    if (h.direnv()) {
      b.comment("direnv with nix-direnv: a project's `use flake` environment, cached.")
          .set("programs.direnv", new Bindings().bool("enable", true).bool("nix-direnv.enable", true).attrs());
    }
    if (!h.packages().isEmpty()) {
      List<NixValue> packages = new ArrayList<>();
      h.packages().forEach(pkg -> packages.add(new NixValue.Ref("pkgs." + pkg)));
      b.set("home.packages", NixValue.list(packages));
    }
    if (!h.dotfiles().isEmpty()) {
      Bindings files = new Bindings();
      h.dotfiles().forEach((target, source) ->
          files.set(List.of(target, "source"), new NixValue.Path("../" + source)));
      b.comment("Dotfiles from the repository, linked into the home directory (" + at + ".dotfiles).")
          .set("home.file", files.attrs());
    }
    List<String> header = new ArrayList<>(headers.plain());
    NixModule module = new NixModule(header,
        Headers.wrap(name + "'s home-manager profile (" + at + "), the same on every host it applies to: "
            + String.join(", ", hosts) + "."),
        BindingMerger.merge(b.build()));
    return new PlannedFile(homeFile(name), Ownership.GENERATED, "hosts/module.nix.ftl",
        Map.of("module", module, "tree", OptionCatalog.Tree.HOME_MANAGER));
  }

  /**
   * {@code hosts/<host>/people.nix}: the accounts of the people who name their hosts (the
   * others are in modules/base.nix, on every NixOS host), and home-manager for the profiles
   * that apply here; null when there is neither.
   */
  public static PlannedFile host(HostContext ctx) {
    Spec spec = ctx.spec;
    boolean darwin = ctx.host.isDarwin();
    Bindings b = new Bindings();
    if (!darwin) {
      people(spec).forEach((name, p) -> {
        if (p.hosts() != null && p.isOn(ctx.name)) {
          b.comment("On the hosts " + name + " names (" + (spec.admins().containsKey(name) ? "admins." : "users.")
                  + name + ".hosts).")
              .set(List.of("users", "users", name), dev.homelab.plan.lab.BasePlanner.user(p, spec.admins().containsKey(name)));
          if (p.passwordHash() != null) {
            b.set(List.of("sops", "secrets", p.passwordHash().name(), "neededForUsers"), NixValue.bool(true));
          }
        }
      });
    }
    List<String> profiles = people(spec).entrySet().stream()
        .filter(e -> profileOn(spec, e.getValue(), ctx.name)).map(Map.Entry::getKey).toList();
    if (!profiles.isEmpty()) {
      Bindings users = new Bindings();
      for (String name : profiles) {
        users.set(List.of(name), new NixValue.Apply(new NixValue.Ref("import"), new NixValue.Path("../../" + homeFile(name))));
      }
      b.comment("The people's home-manager profiles, built with the system's nixpkgs and installed as their"
              + " user packages.")
          .set("home-manager", new Bindings()
              .bool("useGlobalPkgs", true)
              .bool("useUserPackages", true)
              .set("users", users.attrs())
              .attrs());
      if (!darwin) {
        for (String name : profiles) {
          String shell = people(spec).get(name).home().shell();
          if (shell != null && !shell.equals("bash")) {
            b.comment(name + "'s login shell; NixOS needs the shell enabled system-wide to list it in /etc/shells.")
                .bool("programs." + shell + ".enable", true)
                .set(List.of("users", "users", name, "shell"), new NixValue.Ref("pkgs." + shell));
          }
        }
      }
    }
    if (b.isEmpty()) {
      return null;
    }
    List<String> comment = Headers.wrap(profiles.isEmpty() ? "The people who name this host among theirs."
        : "Who has a home-manager profile here: " + String.join(", ", profiles) + " (home/<person>.nix).");
    ctx.imports.add("./people.nix");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("module", new NixModule(ctx.nixHeader(), comment, BindingMerger.merge(b.build())));
    model.put("host", ctx.name);
    model.put("tree", darwin ? OptionCatalog.Tree.DARWIN : OptionCatalog.Tree.NIXOS);
    return new PlannedFile("hosts/" + ctx.name + "/people.nix", Ownership.GENERATED, "hosts/module.nix.ftl", model);
  }
}
