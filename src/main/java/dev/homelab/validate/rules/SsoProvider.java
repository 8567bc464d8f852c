package dev.homelab.validate.rules;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;

/**
 * HL0342: a service behind single sign-on needs the provider on its host: one deployed
 * service whose kind answers forward-auth checks (Authelia, or oauth2-proxy in front of an
 * OIDC provider such as Pocket ID), which the proxy asks before passing requests on; and it
 * must be proxied at all. Traefik cannot send a browser to a provider's sign-in page after a
 * 401, so with Traefik the provider must redirect by itself (Authelia).
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
      List<EffectiveService> providers = services.stream()
          .filter(s -> s.descriptor().forwardAuth() != null && s.deployed()).toList();
      for (EffectiveService extra : providers.subList(Math.min(1, providers.size()), providers.size())) {
        ctx.errorAtKey(extra.path(), "host `" + hostName + "` runs two single sign-on providers, `"
                + providers.get(0).name() + "` and `" + extra.name() + "`",
            "the proxy asks one provider: keep one of them");
      }
      boolean any = !providers.isEmpty();
      boolean traefikMisfit = any && host.network().proxy().kind().equals("traefik")
          && !providers.get(0).descriptor().forwardAuth().redirects();
      for (EffectiveService s : services) {
        if (!s.hasSso()) {
          continue;
        }
        if (!s.descriptor().isHttp() || s.wanted().isEmpty()) {
          ctx.errorAtKey(s.path() + ".sso", "`" + s.name() + "` has single sign-on but is not reached through the proxy",
              "single sign-on is asked by the proxy: expose the service, or remove `sso`");
        } else if (s.deployed() && !any) {
          ctx.errorAtKey(s.path() + ".sso", "`" + s.name() + "` has single sign-on but host `" + hostName + "` runs no single sign-on provider",
              "add `authelia: {}` to the host's services (in a deployed tier), or `oauth2-proxy` in front of `pocket-id`");
        } else if (s.deployed() && !providers.get(0).wanted().containsAll(s.wanted())) {
          EffectiveService p = providers.get(0);
          java.util.Set<dev.homelab.model.Exposure> missing = java.util.EnumSet.copyOf(s.wanted());
          missing.removeAll(p.wanted());
          ctx.errorAtKey(s.path() + ".sso", "`" + s.name() + "` is reached over " + wires(missing) + " but its sign-in page, `"
                  + p.name() + "`, is not",
              "expose `" + p.name() + "` there too (`expose: [" + wires(union(p.wanted(), s.wanted())) + "]`)");
        } else if (s.deployed() && traefikMisfit) {
          ctx.errorAtKey(s.path() + ".sso", "`" + s.name() + "` has single sign-on through `" + providers.get(0).name()
                  + "`, which Traefik cannot send browsers to for signing in",
              "with Traefik use `authelia` as the provider, or use `kind: caddy` or `kind: nginx` for the proxy");
        }
      }
    });
  }

  private static String wires(java.util.Set<dev.homelab.model.Exposure> set) {
    return String.join(", ", set.stream().map(dev.homelab.model.Exposure::wire).toList());
  }

  private static java.util.Set<dev.homelab.model.Exposure> union(
      java.util.Set<dev.homelab.model.Exposure> a, java.util.Set<dev.homelab.model.Exposure> b) {
    java.util.Set<dev.homelab.model.Exposure> u = java.util.EnumSet.noneOf(dev.homelab.model.Exposure.class);
    u.addAll(a);
    u.addAll(b);
    return u;
  }
}
