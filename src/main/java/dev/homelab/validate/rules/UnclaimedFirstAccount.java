package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.SettingSpec;
import dev.homelab.model.Exposure;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.stream.Collectors;

/**
 * HL0335 (warning): a deployed service whose first account goes to whoever reaches it first
 * (catalog {@code firstUser: visitor}: a setup page, an open sign-up, a published default
 * login) is served over the tailnet only until the spec says it is claimed; the exposures
 * held back are named, with the flag that restores them, and the secret setting that would
 * provision the account instead when the kind has one (mentioning a declared secret of that
 * name that nothing reads yet). {@code claimed} on a kind without such an account changes
 * nothing, and says so.
 */
public final class UnclaimedFirstAccount implements Rule {

  @Override
  public String id() {
    return "HL0335";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      for (EffectiveService s : ctx.services(hostName, host)) {
        if (s.spec().claimed() && !s.descriptor().firstUserIsVisitor()) {
          ctx.warning(SourceMap.child(s.path(), "claimed"), "`" + s.name() + "` has no first account for a visitor to take:"
              + " `claimed` changes nothing", "remove `claimed`");
        }
        if (!s.deployed() || !s.awaitsClaim() || s.heldBack().isEmpty()) {
          continue;
        }
        String held = s.heldBack().stream().map(e -> "`" + e.wire() + "`").collect(Collectors.joining(" and "));
        String where = s.expose().isEmpty() ? "it is served nowhere" : "it is served over the tailnet only";
        String message = "`" + s.name() + "` is held back from " + held + " until it is claimed: whoever reaches "
            + s.descriptor().title() + " first takes its first account, so " + where;
        String first = s.expose().contains(Exposure.TAILSCALE)
            ? "create its first account over the tailnet"
            : "create its first account through an SSH tunnel to port " + s.port() + " of host `" + hostName
                + "` (or expose it on `tailscale`)";
        String hint = first + ", then set `claimed: true` on " + s.path() + provisioning(ctx, s);
        if (s.spec().expose() != null) {
          ctx.warning(SourceMap.child(s.path(), "expose"), message, hint);
        } else {
          ctx.warningAtKey(s.path(), message, hint);
        }
      }
    });
  }

  /**
   * The kind's secret setting that provisions the first account instead, if it has one; a
   * secret declared under the name that setting suggests, unread so far, is pointed out.
   */
  private static String provisioning(RuleContext ctx, EffectiveService s) {
    String setting = s.descriptor().firstUserSetting();
    if (setting == null) {
      return "";
    }
    String secret = s.name() + "/" + kebab(setting);
    SettingSpec spec = s.descriptor().settings().get(setting);
    String what = spec.description() == null ? "" : " (" + spec.description() + ")";
    if (ctx.spec().secrets().containsKey(secret)) {
      return "; or provision it: the secret `" + secret + "` is declared but nothing reads it, set `settings: { " + setting
          + ": { secret: " + secret + " } }`" + what;
    }
    return "; or provision it with `settings: { " + setting + ": { secret: NAME } }`" + what;
  }

  /** {@code adminEnv} as {@code admin-env}. */
  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
