package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.diag.Suggest;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;

/**
 * HL0344: a service that signs in through OIDC is of a kind that supports it natively, and
 * its host runs the provider: one deployed OIDC provider service (Pocket ID, Authelia), or
 * the one {@code oidc.provider} names. The client id is plain text (it lands in URLs, JSON
 * and env files).
 */
public final class OidcClient implements Rule {

  private static final String CLIENT_ID = "[A-Za-z0-9._~-]+";

  @Override
  public String id() {
    return "HL0344";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      List<EffectiveService> services = ctx.services(hostName, host);
      List<EffectiveService> providers = services.stream()
          .filter(s -> s.descriptor().isOidcProvider() && s.deployed()).toList();
      List<String> providerNames = providers.stream().map(EffectiveService::name).toList();
      for (EffectiveService s : services) {
        if (!s.hasOidc()) {
          continue;
        }
        String at = SourceMap.child(s.path(), "oidc");
        if (s.descriptor().oidc() == null) {
          String hint = s.descriptor().noOidc() != null ? s.descriptor().noOidc()
              : "remove `oidc`; `sso: true` puts single sign-on in front of it at the proxy instead";
          ctx.errorAtKey(at, "`" + s.name() + "` (" + s.kind() + ") cannot sign in through OIDC", hint);
          continue;
        }
        var oidc = s.spec().oidc();
        if (oidc.clientId() != null && !oidc.clientId().matches(CLIENT_ID)) {
          ctx.error(SourceMap.child(at, "clientId"), "client id `" + oidc.clientId() + "` is not plain text",
              "use letters, digits, `.`, `_`, `~` and `-`");
        }
        if (oidc.provider() != null) {
          provider(ctx, s, SourceMap.child(at, "provider"), services, providerNames);
        } else if (s.deployed() && providers.isEmpty()) {
          ctx.errorAtKey(at, "`" + s.name() + "` signs in through OIDC but host `" + hostName + "` runs no OIDC provider",
              "add `pocket-id: {}` or `authelia: {}` to the host's services (in a deployed tier)");
        } else if (s.deployed() && providers.size() > 1) {
          ctx.errorAtKey(at, "`" + s.name() + "` signs in through OIDC and host `" + hostName + "` runs "
              + providers.size() + " OIDC providers", "name one: `oidc: { provider: " + providerNames.get(0) + " }`");
        }
      }
    });
  }

  private static void provider(RuleContext ctx, EffectiveService s, String at, List<EffectiveService> services,
      List<String> providerNames) {
    String named = s.spec().oidc().provider();
    EffectiveService p = services.stream().filter(o -> o.name().equals(named)).findFirst().orElse(null);
    String close = Suggest.didYouMean(named, providerNames);
    String hint = close != null ? close
        : providerNames.isEmpty() ? "add `pocket-id: {}` or `authelia: {}` to the host's services"
        : "OIDC providers on this host: " + String.join(", ", providerNames);
    if (p == null) {
      ctx.error(at, "`" + named + "` is not a service on host `" + s.host() + "`", hint);
    } else if (!p.descriptor().isOidcProvider()) {
      ctx.error(at, "`" + named + "` (" + p.kind() + ") is not an OIDC provider", hint);
    } else if (s.deployed() && !p.deployed()) {
      ctx.error(at, "OIDC provider `" + named + "` is not deployed", "enable it, or put it in a deployed tier");
    }
  }
}
