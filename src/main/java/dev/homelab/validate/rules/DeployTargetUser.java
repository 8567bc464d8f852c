package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.diag.Suggest;
import dev.homelab.model.DeployEngine;
import dev.homelab.model.DeployHost;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0483: the engine logs in over SSH as someone who can: an admin of the spec (key-only login,
 * passwordless sudo through {@code wheel}); root's SSH login is closed on every host, and a lab
 * without admins leaves the engine nobody to log in as.
 */
public final class DeployTargetUser implements Rule {

  @Override
  public String id() {
    return "HL0483";
  }

  @Override
  public void check(RuleContext ctx) {
    var deploy = ctx.spec().deploy();
    if (deploy.targetUser() != null) {
      user(ctx, deploy.targetUser(), SourceMap.path("deploy", "targetUser"));
    } else if (deploy.engine() != DeployEngine.NONE && ctx.spec().admins().isEmpty()) {
      ctx.error(SourceMap.path("deploy", "engine"), deploy.engine().wire() + " needs someone to log in as, and the spec"
          + " has no admin", "add an admin with an SSH key under `admins:`: the engine logs in as the first admin"
          + " (root's SSH login is closed)");
    }
    for (Map.Entry<String, DeployHost> e : deploy.hosts().entrySet()) {
      if (e.getValue().targetUser() != null) {
        user(ctx, e.getValue().targetUser(), SourceMap.path("deploy", "hosts", e.getKey(), "targetUser"));
      }
    }
  }

  private static void user(RuleContext ctx, String user, String path) {
    if (ctx.spec().admins().containsKey(user)) {
      return;
    }
    if ("root".equals(user)) {
      ctx.error(path, "root cannot log in over SSH: every host closes root's login",
          "log in as an admin (" + String.join(", ", ctx.spec().admins().keySet()) + "): the engine activates through sudo");
      return;
    }
    String hint = Suggest.didYouMean(user, ctx.spec().admins().keySet());
    ctx.error(path, "`" + user + "` is not an admin: the engine needs key-only SSH and passwordless sudo, which only admins have",
        hint != null ? hint : "name one of `admins:` (" + String.join(", ", ctx.spec().admins().keySet()) + "), or leave it out for the first admin");
  }
}
