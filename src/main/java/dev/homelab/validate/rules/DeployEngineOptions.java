package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.DeployEngine;
import dev.homelab.model.DeployHost;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0482: a deployment setting the chosen engine does not have: {@code tags} are colmena's
 * (deploy-rs and nixos-rebuild select hosts by name).
 */
public final class DeployEngineOptions implements Rule {

  @Override
  public String id() {
    return "HL0482";
  }

  @Override
  public void check(RuleContext ctx) {
    DeployEngine engine = ctx.spec().deploy().engine();
    if (engine == DeployEngine.COLMENA) {
      return;
    }
    String tool = engine == DeployEngine.NONE ? "nixos-rebuild (no `deploy.engine`)" : engine.wire();
    for (Map.Entry<String, DeployHost> e : ctx.spec().deploy().hosts().entrySet()) {
      if (!e.getValue().tags().isEmpty()) {
        ctx.error(SourceMap.path("deploy", "hosts", e.getKey(), "tags"), "tags are colmena's: " + tool + " has none",
            "drop `tags`, or set `deploy.engine: colmena` (`colmena apply --on @TAG`); "
                + (engine == DeployEngine.DEPLOY_RS ? "deploy-rs deploys hosts by name (`deploy .#HOST`)" : "nixos-rebuild switches one host at a time"));
      }
    }
  }
}
