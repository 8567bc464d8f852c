package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.DeployHost;
import dev.homelab.model.Host;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0481: a nix-darwin host ({@code system} ending in {@code -darwin}) is not deployed by colmena
 * or deploy-rs, which deploy NixOS: {@code deploy.hosts} may only say {@code false} for it.
 */
public final class DeployDarwinHost implements Rule {

  @Override
  public String id() {
    return "HL0481";
  }

  @Override
  public void check(RuleContext ctx) {
    for (Map.Entry<String, DeployHost> e : ctx.spec().deploy().hosts().entrySet()) {
      Host host = ctx.hosts().get(e.getKey());
      if (host == null || host.system() == null || !host.system().endsWith("-darwin") || !e.getValue().enable()) {
        continue;
      }
      ctx.errorAtKey(SourceMap.path("deploy", "hosts", e.getKey()), "`" + e.getKey() + "` is a nix-darwin host ("
              + host.system() + "): " + ctx.spec().deploy().engine().wire() + " deploys NixOS hosts only",
          "remove it from deploy.hosts (or write `" + e.getKey() + ": false`); the Mac switches itself with"
              + " `darwin-rebuild switch --flake .#" + e.getKey() + "`");
    }
  }
}
