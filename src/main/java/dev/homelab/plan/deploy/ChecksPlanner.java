package dev.homelab.plan.deploy;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.SecretUse;
import dev.homelab.plan.quote.Shell;
import dev.homelab.plan.service.ServicePlanner;
import dev.homelab.plan.storage.PlannedDataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the VM check of a Linux server: {@code checks/<host>/node.nix}, what the test VM
 * changes about the host (no ZFS pool to import, placeholder secrets, room for its services), and
 * {@code checks/<host>/default.nix}, the NixOS test (run by {@code pkgs.testers.runNixOSTest}
 * as the flake's {@code checks.<system>.<host>-services}) that boots the host's modules and waits
 * for each service's unit, port and health endpoint.
 */
public final class ChecksPlanner {

  /** A host with a check. */
  public record Check(String host, String system) {}

  /** A check as {@code flake.nix} lists it: the host's modules go into the test's node. */
  public record FlakeCheck(String host, String system, NixValue.ListOf modules) {

    /** The check's folder, as flake.nix names it. */
    public NixValue.Path dir() {
      return new NixValue.Path("./checks/" + host);
    }

    /** The check's attribute name. */
    public String name() {
      return host + "-services";
    }
  }

  /** What the test script waits for, per service. */
  public record Probe(String service, String unit, Integer port, String url) {}

  /** A service the VM cannot start, and why. */
  public record Skipped(String service, String why) {}

  /** The placeholder every secret and template value holds in the VM. */
  public static final String PLACEHOLDER = "placeholder";

  private static final String EOF = "HOMELAB_PLACEHOLDER";
  /** Plain text and spaces: what {@link #py} writes into the test script as it is. */
  /** {@code [A-Za-z0-9@._:/?=&%+ -]}: text a Python string literal holds as it is. */
  static final dev.homelab.plan.quote.CharClass PLAIN_WORDS = dev.homelab.plan.quote.CharClass.lettersDigitsAnd("@._:/?=&%+ -");

  private ChecksPlanner() {}

  /** True for a host that gets a check: a Linux server. */
  public static boolean checked(HostContext ctx) {
    return !Deployment.darwin(ctx.host) && ctx.host.role() == dev.homelab.model.Role.SERVER;
  }

  /** The services the check waits for, each with its unit, port and health URL. */
  public static List<Probe> probes(HostContext ctx, ServicePlanner services) {
    List<Probe> out = new ArrayList<>();
    for (EffectiveService s : ctx.services) {
      if (skipWhy(s) != null) {
        continue;
      }
      List<String> units = services.units(s);
      if (units.isEmpty()) {
        continue;
      }
      String unit = units.get(0) + ".service";
      boolean http = s.descriptor().isHttp();
      String health = s.descriptor().health();
      out.add(new Probe(s.name(), unit, http ? s.port() : null,
          http && health != null ? "http://127.0.0.1:" + s.port() + health : null));
    }
    return out;
  }

  /** The services the check leaves out, with the reason. */
  public static List<Skipped> skipped(HostContext ctx) {
    List<Skipped> out = new ArrayList<>();
    for (EffectiveService s : ctx.services) {
      String why = skipWhy(s);
      if (why != null) {
        out.add(new Skipped(s.name(), why));
      }
    }
    return out;
  }

  private static String skipWhy(EffectiveService s) {
    if (s.spec().vpn() != null) {
      return "it runs only through its VPN, which the VM cannot reach";
    }
    if (s.descriptor().isContainer() || s.spec().container() != null) {
      return "its image is pulled at start, and the VM has no network";
    }
    return null;
  }

  /**
   * The two files of a host's check.
   *
   * @param hostFiles the host's other generated files (its secrets templates, its dataset unit)
   */
  public static List<PlannedFile> plan(HostContext ctx, List<PlannedFile> hostFiles, ServicePlanner services) {
    List<PlannedFile> out = new ArrayList<>();
    out.add(node(ctx, hostFiles));
    List<String> script = new ArrayList<>();
    String machine = pythonName(ctx.name);
    script.add("start_all()");
    script.add(machine + ".wait_for_unit(" + py("multi-user.target") + ")");
    for (Probe p : probes(ctx, services)) {
      script.add("");
      script.add("# " + p.service());
      script.add(machine + ".wait_for_unit(" + py(p.unit()) + ")");
      if (p.port() != null) {
        script.add(machine + ".wait_for_open_port(" + p.port() + ", " + py("127.0.0.1") + ")");
      }
      if (p.url() != null) {
        script.add(machine + ".succeed(" + py("curl --fail --silent --show-error --max-time 10 " + p.url()) + ")");
      }
    }
    List<Skipped> skipped = skipped(ctx);
    if (!skipped.isEmpty()) {
      script.add("");
      skipped.forEach(s -> script.add("# not checked: " + s.service() + " (" + s.why() + ")"));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("header", ctx.nixHeader());
    model.put("name", ctx.name + "-services");
    model.put("host", ctx.name);
    model.put("script", new NixValue.Text(script));
    out.add(new PlannedFile("checks/" + ctx.name + "/default.nix", Ownership.GENERATED, "checks/default.nix.ftl", model));
    return out;
  }

  /** The test node's own module: what the VM changes about the host. */
  static PlannedFile node(HostContext ctx, List<PlannedFile> hostFiles) {
    Bindings b = new Bindings();
    int memory = 1024 + 256 * ctx.services.size();
    b.comment("Room for the host's services: 1 GiB and 256 MiB per service.")
        .set("virtualisation.memorySize", NixValue.integer(memory))
        .set("virtualisation.cores", NixValue.integer(2))
        .comment("The test script asks each service's health endpoint with curl.")
        .set("environment.systemPackages", NixValue.list(List.of(new NixValue.Ref("pkgs.curl"))));
    boolean datasets = hostFiles.stream().anyMatch(f -> f.path().equals("hosts/" + ctx.name + "/datasets.nix"));
    if (datasets) {
      List<String> lines = new ArrayList<>();
      lines.add("set -eu");
      for (PlannedDataset d : ctx.datasets.all()) {
        if (d.mountpoint() == null) {
          continue;
        }
        StringBuilder l = new StringBuilder("install -d");
        if (!"-".equals(d.mode()) && d.mode() != null) {
          l.append(" -m ").append(Shell.word(d.mode()));
        }
        if (!"-".equals(d.owner()) && d.owner() != null) {
          String[] og = d.owner().split(":", 2);
          l.append(" -o ").append(Shell.word(og[0]));
          if (og.length > 1) {
            l.append(" -g ").append(Shell.word(og[1]));
          }
        }
        lines.add(l.append(' ').append(Shell.word(d.mountpoint())).toString());
      }
      b.comment("The VM has no ZFS pool: none is imported, and the dataset unit only makes the folders the datasets"
              + " would mount on, with their owners.")
          .set("boot.zfs.extraPools", force(NixValue.list(List.of())))
          .set("systemd.services.homelab-datasets", new Bindings()
              .set("requires", force(NixValue.list(List.of())))
              .set("after", force(NixValue.list(List.of())))
              .set("script", force(new NixValue.Text(lines)))
              .attrs());
    }
    List<String> secrets = secretLines(ctx, hostFiles);
    if (!secrets.isEmpty()) {
      b.comment("Placeholder secrets, never real ones: the VM has no key for secrets/" + ctx.name + ".yaml. sops-nix"
              + " installs nothing; a unit writes `" + PLACEHOLDER + "` where each secret and template would be.")
          .set("sops.validateSopsFiles", NixValue.bool(false))
          .set("sops.useSystemdActivation", force(NixValue.bool(true)))
          .set("systemd.services.sops-install-secrets.enable", NixValue.bool(false))
          .set("systemd.services.sops-install-secrets-for-users.enable", NixValue.bool(false))
          .set("systemd.services.homelab-placeholder-secrets", new Bindings()
              .str("description", "Placeholder secrets of the VM check")
              .set("wantedBy", NixValue.strings(List.of("sysinit.target")))
              .set("before", NixValue.strings(List.of("sysinit.target")))
              .set("after", NixValue.strings(List.of("local-fs.target")))
              .bool("unitConfig.DefaultDependencies", false)
              .set("serviceConfig", new Bindings().str("Type", "oneshot").bool("RemainAfterExit", true).attrs())
              .set("script", new NixValue.Text(secrets))
              .attrs());
    }
    List<String> comment = dev.homelab.plan.Headers.wrap("The VM check of " + ctx.name + " (checks/" + ctx.name + "/default.nix) boots the host's"
        + " modules with this one added; the host itself never imports it.");
    return new PlannedFile("checks/" + ctx.name + "/node.nix", Ownership.GENERATED, "hosts/module.nix.ftl",
        Map.of("module", new NixModule(ctx.nixHeader(), comment, b.build()),
            "host", ctx.name));
  }

  /** The script that writes a placeholder at each secret's and template's path, as sops-nix would own it. */
  private static final List<String> SOPS_TEMPLATES = List.of("sops", "templates");

  static List<String> secretLines(HostContext ctx, List<PlannedFile> hostFiles) {
    List<String> lines = new ArrayList<>();
    for (SecretUse use : new java.util.TreeMap<>(ctx.secrets).values()) {
      boolean forUsers = use.usedBy() != null && use.usedBy().contains(".hashedPasswordFile");
      String path = (forUsers ? "/run/secrets-for-users/" : "/run/secrets/") + use.name();
      lines.add(install(use.mode(), use.owner(), use.group().equals(use.owner()) ? null : use.group(), path));
      lines.add("echo " + PLACEHOLDER + " > " + Shell.word(path));
    }
    Map<String, Map<String, NixValue>> templates = new java.util.TreeMap<>();
    for (PlannedFile f : hostFiles) {
      if (f.model().get("module") instanceof NixModule m) {
        for (OptionLeaf leaf : OptionLeaf.flatten(m.optionBindings(), SOPS_TEMPLATES)) {
          List<String> p = leaf.path();
          if (p.size() == 4) {
            templates.computeIfAbsent(p.get(2), k -> new LinkedHashMap<>()).put(p.get(3), leaf.value());
          }
        }
      }
    }
    templates.forEach((name, fields) -> {
      String path = "/run/secrets/rendered/" + name;
      lines.add(install(text(fields.get("mode"), "0400"), text(fields.get("owner"), "root"), text(fields.get("group"), null), path));
      lines.add("cat > " + Shell.word(path) + " <<'" + EOF + "'");
      for (String line : content(fields.get("content")).split("\n", -1)) {
        if (line.equals(EOF)) {
          throw new IllegalStateException("a template line equals the here-document's end: " + name);
        }
        lines.add(line);
      }
      if (lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      lines.add(EOF);
    });
    return lines;
  }

  private static String install(String mode, String owner, String group, String path) {
    return "install -D -m " + Shell.word(mode) + " -o " + Shell.word(owner) + (group == null ? "" : " -g " + Shell.word(group))
        + " /dev/null " + Shell.word(path);
  }

  private static String text(NixValue v, String otherwise) {
    return v instanceof NixValue.Str s ? s.value() : otherwise;
  }

  /** A template's content with every secret's value as the placeholder. */
  private static String content(NixValue v) {
    if (v instanceof NixValue.Str s) {
      return s.value();
    }
    if (v instanceof NixValue.Text t) {
      return String.join("\n", t.lines());
    }
    if (v instanceof NixValue.Interpolated in) {
      StringBuilder b = new StringBuilder();
      for (NixValue p : in.parts()) {
        if (p instanceof NixValue.Str s) {
          b.append(s.value());
        } else if (p instanceof NixValue.SecretPath sp) {
          b.append("/run/secrets/").append(sp.name());
        } else if (p instanceof NixValue.TemplatePath tp) {
          b.append("/run/secrets/rendered/").append(tp.name());
        } else {
          b.append(PLACEHOLDER);
        }
      }
      return b.toString();
    }
    return PLACEHOLDER;
  }

  private static NixValue force(NixValue v) {
    return new NixValue.Apply(new NixValue.Ref("lib.mkForce"), v);
  }

  /** The test driver's Python name of a machine (nixos/lib/testing: other characters become {@code _}). */
  public static String pythonName(String host) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok = c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }

  /** A Python string literal of plain text (unit names, URLs, commands built from catalog words). */
  static String py(String s) {
    if (!PLAIN_WORDS.all(s)) {
      throw new IllegalArgumentException("not plain text for the test script: " + s);
    }
    return "\"" + s + "\"";
  }
}
