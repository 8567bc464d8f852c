package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.OptionCatalog;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;

/**
 * HL0405: each of a host's {@code packages} is a package's attribute path in nixpkgs
 * (identifiers joined by dots, such as {@code python3Packages.requests}), which the plan
 * writes as {@code pkgs.<path>}: anything else would be Nix code written by the spec.
 */
public final class HostPackages implements Rule {

  @Override
  public String id() {
    return "HL0405";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      List<String> packages = host.packages();
      for (int i = 0; i < packages.size(); i++) {
        String p = packages.get(i);
        if (p == null || !OptionCatalog.isPackagePath(p)) {
          ctx.error(SourceMap.path("hosts", name, "packages") + "[" + i + "]",
              p == null ? "an empty package name" : OptionCatalog.notAPackage(p),
              "name the package by its attribute path in nixpkgs, as `nix search nixpkgs` prints it without `legacyPackages.<system>.`");
        }
      }
    });
  }
}
