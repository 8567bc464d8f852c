package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Person;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0421 (warning): a person's home profile applies on no host. Without {@code home.hosts} it
 * applies on the person's hosts that someone sits at (role {@code desktop}, {@code laptop},
 * {@code vm}, or a Mac); when the person has none of those, nothing would use it.
 */
public final class HomeProfileApplies implements Rule {

  @Override
  public String id() {
    return "HL0421";
  }

  @Override
  public void check(RuleContext ctx) {
    check(ctx, "admins", ctx.spec().admins());
    check(ctx, "users", ctx.spec().users());
  }

  private static void check(RuleContext ctx, String section, Map<String, Person> people) {
    people.forEach((name, p) -> {
      if (p.home() == null || p.home().hosts() != null || ctx.hosts().entrySet().stream().anyMatch(h -> p.hasProfileOn(h.getKey(), h.getValue()))) {
        return;
      }
      ctx.warningAtKey(SourceMap.path(section, name, "home"),
          name + "'s home profile applies on no host: none of " + name + "'s hosts is a desktop, laptop, vm or Mac",
          "name the hosts it applies on in `home.hosts: [...]` (a server too, if you want it there)");
    });
  }
}
