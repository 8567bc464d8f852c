package dev.homelab.cli;

import dev.homelab.catalog.OptionBlock;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.catalog.ServiceDescriptor;
import dev.homelab.catalog.SettingSpec;
import dev.homelab.diag.Suggest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code homelab catalog [show KIND]}: the service kinds the compiler knows, and one in full. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = {"List the service kinds in the catalog (kind, default port, summary).",
        "`catalog show KIND` prints one kind's descriptor: defaults, ports, data paths, units and the options it sets."},
    subcommands = {CatalogCommand.Show.class, CatalogCommand.Eject.class})
public final class CatalogCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ServiceCatalog catalog = ServiceCatalog.builtIn();
    PrintWriter out = spec.commandLine().getOut();
    for (String kind : catalog.kinds()) {
      ServiceDescriptor d = catalog.find(kind).orElseThrow();
      out.printf("%-16s %-6s %s%n", kind, d.port() == null ? "-" : d.port().toString(), d.summary() == null ? d.title() : d.summary());
    }
    return ExitCodes.OK;
  }

  /**
   * {@code catalog eject KIND [-o DIR]}: copies a built-in kind (descriptor and template) into
   * the lab's own catalog folder, where it replaces the built-in one and can be changed.
   */
  @Command(name = "eject", mixinStandardHelpOptions = true,
      description = {"Copy a built-in service kind into your catalog folder (default: catalog/), to change it there.",
          "The copy replaces the built-in kind of its name (with a warning); rename its folder and `kind` to keep both."})
  public static final class Eject implements Callable<Integer> {

    @Parameters(paramLabel = "KIND", description = "A built-in service kind, as `homelab catalog` lists them.")
    String kind;

    @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "DIR",
        description = "The catalog folder to copy into (default: catalog).")
    java.nio.file.Path folder = java.nio.file.Path.of("catalog");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
      ServiceCatalog catalog = ServiceCatalog.builtIn();
      PrintWriter err = spec.commandLine().getErr();
      if (catalog.find(kind).isEmpty()) {
        String hint = Suggest.didYouMean(kind, catalog.kinds());
        err.println("error: no service kind `" + kind + "` in the catalog" + (hint != null ? "; " + hint : "; `homelab catalog` lists them"));
        return ExitCodes.USAGE;
      }
      java.nio.file.Path target = folder.resolve(kind);
      if (java.nio.file.Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        err.println("error: " + target + " exists: eject does not replace it");
        err.println("  = hint: move it away first, or edit it where it is");
        return ExitCodes.INVALID;
      }
      if (java.nio.file.Files.exists(folder) && !java.nio.file.Files.isDirectory(folder)) {
        err.println("error: " + folder + " is not a folder");
        return ExitCodes.INVALID;
      }
      java.util.Map<String, String> files = catalog.builtInFiles(kind);
      // Written beside the folder first and moved into place whole: never half a kind.
      java.nio.file.Files.createDirectories(folder);
      java.nio.file.Path staging = java.nio.file.Files.createTempDirectory(folder, ".eject-" + kind);
      try {
        for (java.util.Map.Entry<String, String> f : files.entrySet()) {
          java.nio.file.Files.writeString(staging.resolve(f.getKey()), f.getValue());
        }
        java.nio.file.Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        if (java.nio.file.Files.exists(staging)) {
          for (String name : files.keySet()) {
            java.nio.file.Files.deleteIfExists(staging.resolve(name));
          }
          java.nio.file.Files.deleteIfExists(staging);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      files.keySet().forEach(name -> out.println("wrote " + target.resolve(name)));
      out.println("the lab's " + kind + " now comes from " + target + " (a warning says so on each run)");
      return ExitCodes.OK;
    }
  }

  /** {@code catalog show KIND}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the descriptor of one service kind.")
  public static final class Show implements Callable<Integer> {

    @Parameters(paramLabel = "KIND", description = "A service kind, as `homelab catalog` lists them.")
    String kind;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ServiceCatalog catalog = ServiceCatalog.builtIn();
      PrintWriter out = spec.commandLine().getOut();
      ServiceDescriptor d = catalog.find(kind).orElse(null);
      if (d == null) {
        String hint = Suggest.didYouMean(kind, catalog.kinds());
        spec.commandLine().getErr().println("error: no service kind `" + kind + "` in the catalog"
            + (hint != null ? "; " + hint : "; `homelab catalog` lists them"));
        return ExitCodes.USAGE;
      }
      row(out, "kind", d.kind());
      row(out, "title", d.title());
      row(out, "summary", d.summary());
      row(out, "runs as", d.isContainer() ? "OCI containers" : "NixOS module " + d.module());
      row(out, "renamed", d.renamed().isEmpty() ? null : d.renamed().stream()
          .map(r -> "services." + r.to() + " (unit " + r.to() + ") from NixOS " + r.release()).collect(Collectors.joining(", ")));
      row(out, "port", d.port() + " (" + d.protocol() + ")");
      row(out, "listens on", d.bindable() ? "127.0.0.1 (behind the proxy)" : "all interfaces, behind the closed firewall (no bind option)");
      if (!d.extraPorts().isEmpty()) {
        row(out, "other ports", d.extraPorts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
      }
      row(out, "exposure", d.expose().stream().map(e -> e.wire()).collect(Collectors.joining(", ")));
      row(out, "subdomain", d.subdomain());
      row(out, "user", d.user() == null ? "systemd dynamic user" : d.user() + ":" + (d.group() == null ? d.user() : d.group()));
      row(out, "state", d.stateDir());
      row(out, "units", String.join(", ", d.units()));
      row(out, "database", d.database());
      row(out, "groups", String.join(", ", d.groups()));
      row(out, "health", d.health());
      row(out, "not backed up", String.join(", ", d.backupExclude()));
      row(out, "needs a VPN", d.requiresVpn() ? "yes" : null);
      if (d.forwardAuth() != null) {
        var fa = d.forwardAuth();
        row(out, "forward auth", fa.verify() + (fa.groupsQuery() == null ? "" : "?" + fa.groupsQuery() + "=GROUPS")
            + (fa.redirects() ? " (redirects to sign in itself)" : " (401: the proxy sends the browser to " + fa.signIn() + "...)"));
      }
      if (d.clientAddress() != null) {
        row(out, "client address", "from " + d.clientAddress().header()
            + (d.clientAddress().note() == null ? "" : "; " + d.clientAddress().note()));
      }
      row(out, "OIDC issuer", d.oidcIssuer());
      if (d.oidc() != null) {
        row(out, "OIDC sign-in", "yes, `oidc: true`; redirect URIs " + String.join(", ", d.oidc().callback()));
      }
      row(out, "no OIDC", d.noOidc());
      row(out, "first account", firstAccount(d));
      row(out, "admin paths", d.adminPaths().isEmpty() ? null
          : String.join(", ", d.adminPaths()) + " (403 to public sources unless `publicAdmin: true`)");
      if (d.access() != null) {
        d.access().points().forEach(p -> row(out, p.getKey(), p.getValue()));
      }
      if (!d.settings().isEmpty()) {
        out.println("settings:");
        for (Map.Entry<String, SettingSpec> e : d.settings().entrySet()) {
          SettingSpec s = e.getValue();
          out.printf("  %-16s %-8s %s%s%n", e.getKey(), s.type(),
              s.defaultValue() == null ? "" : "default " + s.defaultValue() + "; ", s.description() == null ? "" : s.description());
        }
      }
      out.println("options it sets:");
      for (OptionBlock b : d.options()) {
        for (String path : paths("", b.set())) {
          out.println("  " + path + (b.when() == null ? "" : "   (when " + b.when() + ")"));
        }
      }
      if (d.clientAddress() != null) {
        for (String path : paths("", d.clientAddress().trust())) {
          out.println("  " + path + "   (behind the proxy)");
        }
      }
      return ExitCodes.OK;
    }

    /**
     * Where a kind's first account comes from, in words: the first visitor's to take (served
     * over the tailnet only until `claimed: true`, or provisioned by a setting), or a secret
     * setting.
     */
    static String firstAccount(ServiceDescriptor d) {
      if (d.firstUserIsVisitor()) {
        return "whoever reaches it first takes it: tailnet only until `claimed: true`"
            + (d.firstUserSetting() == null ? "" : ", or provisioned by settings." + d.firstUserSetting());
      }
      return d.firstUserSetting() == null ? null : "from settings." + d.firstUserSetting();
    }

    private static void row(PrintWriter out, String key, String value) {
      if (value != null && !value.isEmpty()) {
        out.printf("%-14s %s%n", key + ":", value);
      }
    }

    /** The option paths of a descriptor block, values left out. */
    @SuppressWarnings("unchecked")
    static List<String> paths(String prefix, Map<String, Object> set) {
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, Object> e : set.entrySet()) {
        String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        Object v = e.getValue();
        boolean nested = v instanceof Map<?, ?> && !OptionBlock.isValueForm(v);
        if (nested) {
          out.addAll(paths(path, (Map<String, Object>) v));
        } else {
          out.add(path);
        }
      }
      return out;
    }
  }
}
