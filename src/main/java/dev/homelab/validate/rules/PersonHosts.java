package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.diag.Suggest;
import dev.homelab.model.Person;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * HL0420: the hosts a person names are hosts of the spec: {@code hosts} (where the person has
 * an account) and {@code home.hosts} (where the home profile applies), which must also be
 * hosts the person is on.
 */
public final class PersonHosts implements Rule {

  @Override
  public String id() {
    return "HL0420";
  }

  @Override
  public void check(RuleContext ctx) {
    check(ctx, "admins", ctx.spec().admins());
    check(ctx, "users", ctx.spec().users());
  }

  private static void check(RuleContext ctx, String section, Map<String, Person> people) {
    List<String> hosts = List.copyOf(ctx.hosts().keySet());
    people.forEach((name, p) -> {
      String path = SourceMap.path(section, name);
      if (p.hosts() != null) {
        for (int i = 0; i < p.hosts().size(); i++) {
          unknown(ctx, SourceMap.child(path, "hosts") + "[" + i + "]", p.hosts().get(i), hosts);
        }
      }
      if (p.home() != null && p.home().hosts() != null) {
        String at = SourceMap.path(path, "home", "hosts");
        for (int i = 0; i < p.home().hosts().size(); i++) {
          String host = p.home().hosts().get(i);
          String where = at + "[" + i + "]";
          if (unknown(ctx, where, host, hosts)) {
            continue;
          }
          if (!p.isOn(host)) {
            ctx.error(where, name + " has no account on `" + host + "`: " + section + "." + name + ".hosts lists "
                    + String.join(", ", p.hosts()),
                "a home profile applies only where its person has an account: add `" + host + "` to " + section + "."
                    + name + ".hosts, or drop it here");
          }
        }
      }
    });
  }

  /** Reports a name that is no host of the spec; true when it is none. */
  private static boolean unknown(RuleContext ctx, String at, String host, List<String> hosts) {
    if (hosts.contains(host)) {
      return false;
    }
    String hint = Suggest.didYouMean(host, hosts);
    ctx.error(at, "unknown host `" + host + "`",
        hint != null ? hint : hosts.isEmpty() ? "declare it under `hosts:`" : "hosts of the spec: " + String.join(", ", hosts));
    return true;
  }
}
