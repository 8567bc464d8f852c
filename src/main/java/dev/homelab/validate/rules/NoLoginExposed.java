package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0381: a service of a kind without a login of its own (the catalog's {@code login: none})
 * is served beyond the tailnet with neither single sign-on nor client certificates in front:
 * a warning on the LAN, an error in public.
 */
public final class NoLoginExposed implements Rule {

  @Override
  public String id() {
    return "HL0381";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      for (EffectiveService s : ctx.services(hostName, host)) {
        if (!s.descriptor().hasNoLogin() || s.hasSso() || s.spec().mtls()) {
          continue;
        }
        boolean pub = s.expose().contains(Exposure.PUBLIC);
        if (!pub && !s.expose().contains(Exposure.LAN)) {
          continue;
        }
        String where = pub ? "the internet" : "the LAN";
        String message = "`" + s.name() + "` has no login of its own and is reachable from " + where;
        String hint = "put `sso: true` or `mtls: true` in front of it, or expose it to `tailscale` only";
        if (s.spec().expose() != null) {
          String at = SourceMap.child(s.path(), "expose");
          if (pub) {
            ctx.error(at, message, hint);
          } else {
            ctx.warning(at, message, hint);
          }
        } else if (pub) {
          ctx.errorAtKey(s.path(), message, hint);
        } else {
          ctx.warningAtKey(s.path(), message, hint);
        }
      }
    });
  }
}
