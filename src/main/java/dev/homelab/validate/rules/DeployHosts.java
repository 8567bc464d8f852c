package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.diag.Suggest;
import dev.homelab.model.Host;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/** HL0480: {@code deploy.hosts} names only hosts of the spec. */
public final class DeployHosts implements Rule {

  @Override
  public String id() {
    return "HL0480";
  }

  @Override
  public void check(RuleContext ctx) {
    for (String name : ctx.spec().deploy().hosts().keySet()) {
      Host host = ctx.hosts().get(name);
      if (host == null) {
        String hint = Suggest.didYouMean(name, ctx.hosts().keySet());
        ctx.errorAtKey(SourceMap.path("deploy", "hosts", name), "`deploy.hosts` names `" + name + "`, which is no host of the spec",
            hint != null ? hint : "deploy.hosts takes the names under `hosts:` (" + String.join(", ", ctx.hosts().keySet()) + ")");
      }
    }
  }
}
