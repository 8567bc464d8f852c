package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.Effective;
import dev.homelab.diag.Suggest;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/** HL0306: every service's kind (its name, unless it names one) is in the catalog. */
public final class UnknownServiceKind implements Rule {

  @Override
  public String id() {
    return "HL0306";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> host.services().forEach((name, s) -> {
      String kind = Effective.kindOf(name, s);
      if (ctx.catalog().find(kind).isEmpty()) {
        String path = SourceMap.path("hosts", hostName, "services", name);
        String hint = Suggest.didYouMean(kind, ctx.catalog().kinds());
        if (s.kind() != null) {
          ctx.error(SourceMap.child(path, "kind"), "unknown service kind `" + kind + "`",
              hint != null ? hint : "`homelab catalog` lists the kinds");
        } else {
          ctx.errorAtKey(path, "unknown service kind `" + kind + "`",
              hint != null ? hint : "name a catalog kind with `kind:`; `homelab catalog` lists them");
        }
      }
    }));
  }
}
