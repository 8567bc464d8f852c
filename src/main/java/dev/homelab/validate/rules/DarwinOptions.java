package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.OptionCatalog;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0424: options written in a Mac's {@code darwin:} are nix-darwin options with fitting
 * values, judged against the nix-darwin catalog as HL0390 judges {@code nixos:} against
 * NixOS's: a value its option does not take, or the same option written twice, is an error;
 * an option the catalog does not list is a warning (nix-darwin checks it at build).
 */
public final class DarwinOptions implements Rule {

  @Override
  public String id() {
    return "HL0424";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      if (host.isDarwin() && !host.darwin().isEmpty()) {
        NixosOptions.check(ctx, SourceMap.path("hosts", name, "darwin"), host.darwin(),
            OptionCatalog.builtIn(OptionCatalog.Tree.DARWIN), "`darwin:`");
      }
    });
  }
}
