package dev.homelab.plan.darwin;

import dev.homelab.catalog.OptionCatalog;
import dev.homelab.model.Homebrew;
import dev.homelab.model.Person;
import dev.homelab.nix.BindingMerger;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.OwnOptions;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.people.PeoplePlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code hosts/<host>/default.nix} of a Mac (a {@code *-darwin} system): a nix-darwin
 * module, not a NixOS one. Host name, platform, time zone, flakes, the people's home
 * directories, Homebrew, nix-darwin's state version, and the spec's own {@code darwin:}
 * options; no hardware file, boot loader, firewall or services (validation refuses them).
 */
public final class DarwinPlanner {

  private DarwinPlanner() {}

  public static PlannedFile plan(HostContext ctx) {
    List<NixValue> imports = new ArrayList<>();
    imports.add(new NixValue.Path("./local.nix"));
    ctx.imports.forEach(i -> imports.add(new NixValue.Path(i)));
    ctx.host.imports().forEach(i -> imports.add(new NixValue.Path("../../" + i)));

    Bindings b = new Bindings();
    b.set("imports", NixValue.list(imports));
    b.comment("The name on the network and the one the Mac shows (sharing, AirDrop).")
        .set("networking", new Bindings().str("hostName", ctx.name).str("computerName", ctx.name).attrs());
    b.str("nixpkgs.hostPlatform", ctx.host.system());
    b.str("time.timeZone", ctx.spec.homelab().timezone());
    b.set("nix.settings.experimental-features", NixValue.strings(List.of("nix-command", "flakes")));
    Map<String, Person> people = PeoplePlanner.on(ctx.spec, ctx.name);
    if (!people.isEmpty()) {
      b.comment("macOS creates the accounts; nix-darwin and home-manager need to know where their homes are.");
      people.keySet().forEach(name -> b.set(List.of("users", "users", name, "home"), NixValue.str("/Users/" + name)));
      String primary = people.keySet().iterator().next();
      b.comment("Who runs the options that act as a user (Homebrew among them): the first "
              + (ctx.spec.admins().containsKey(primary) ? "admin" : "user") + " on this Mac.")
          .str("system.primaryUser", primary);
    }
    Homebrew brew = ctx.host.homebrew();
    if (brew != null) {
      Bindings h = new Bindings().bool("enable", true)
          .comment("What the lists no longer name is " + switch (brew.cleanup()) {
            case "none" -> "left installed";
            case "check" -> "reported, and activation stops";
            case "zap" -> "uninstalled with its files";
            default -> "uninstalled";
          } + " at activation (hosts." + ctx.name + ".homebrew.cleanup).")
          .str("onActivation.cleanup", brew.cleanup());
      if (!brew.brews().isEmpty()) {
        h.set("brews", NixValue.strings(brew.brews()));
      }
      if (!brew.casks().isEmpty()) {
        h.set("casks", NixValue.strings(brew.casks()));
      }
      b.comment("Homebrew (installed by hand first, https://brew.sh), run by nix-darwin at activation.")
          .set("homebrew", h.attrs());
    }
    b.comment("nix-darwin's state version this Mac was set up with (hosts." + ctx.name + ".stateVersion).")
        .set("system.stateVersion", NixValue.integer(Long.parseLong(ctx.host.stateVersion())));
    List<dev.homelab.nix.Binding> bindings = BindingMerger.merge(b.build());
    if (!ctx.host.darwin().isEmpty()) {
      bindings = BindingMerger.override(bindings, OwnOptions.bindings(ctx.host.darwin(), "hosts." + ctx.name + ".darwin",
          OptionCatalog.builtIn(OptionCatalog.Tree.DARWIN)));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("module", new NixModule(ctx.nixHeader(), List.of(), bindings));
    model.put("host", ctx.name);
    model.put("tree", OptionCatalog.Tree.DARWIN);
    return new PlannedFile("hosts/" + ctx.name + "/default.nix", Ownership.GENERATED, "hosts/default.nix.ftl", model);
  }
}
