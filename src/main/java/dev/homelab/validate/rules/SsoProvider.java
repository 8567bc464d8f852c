package dev.homelab.validate.rules;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;

/**
 * HL0342: a service behind single sign-on needs the provider on its host: a deployed
 * Authelia service (the proxy asks it before passing requests on), and is proxied at all.
 */
public final class SsoProvider implements Rule {

  @Override
  public String id() {
    return "HL0342";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      List<EffectiveService> services = ctx.services(hostName, host);
      boolean authelia = services.stream().anyMatch(s -> s.kind().equals("authelia") && s.deployed());
      for (EffectiveService s : services) {
        if (!s.hasSso()) {
          continue;
        }
        if (!s.descriptor().isHttp() || s.expose().isEmpty()) {
          ctx.errorAtKey(s.path() + ".sso", "`" + s.name() + "` has single sign-on but is not reached through the proxy",
              "single sign-on is asked by the proxy: expose the service, or remove `sso`");
        } else if (s.deployed() && !authelia) {
          ctx.errorAtKey(s.path() + ".sso", "`" + s.name() + "` has single sign-on but host `" + hostName + "` runs no Authelia",
              "add `authelia: {}` to the host's services (in a deployed tier)");
        }
      }
    });
  }
}
