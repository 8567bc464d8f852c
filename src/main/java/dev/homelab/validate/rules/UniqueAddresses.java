package dev.homelab.validate.rules;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.HashMap;
import java.util.Map;

/**
 * HL0341: every proxied service has an address of its own. Two services answering on one
 * name (`home.example.org`) would be two sites of one name, on one host or across hosts.
 */
public final class UniqueAddresses implements Rule {

  @Override
  public String id() {
    return "HL0341";
  }

  @Override
  public void check(RuleContext ctx) {
    Map<String, EffectiveService> first = new HashMap<>();
    ctx.hosts().forEach((hostName, host) -> {
      for (EffectiveService s : ctx.services(hostName, host)) {
        if (!s.isProxied()) {
          continue;
        }
        EffectiveService earlier = first.putIfAbsent(s.fqdn(), s);
        if (earlier != null) {
          String at = s.spec().subdomain() != null ? s.path() + ".subdomain" : s.path();
          String[] names = dev.homelab.validate.HostNames.pair(s.host(), s.name(), earlier.host(), earlier.name());
          String message = "`" + names[0] + "` and `" + names[1] + "` (at " + ctx.sources().key(earlier.path())
              + ") both answer on `" + s.fqdn() + "`";
          String hint = "give one of them another `subdomain:`";
          if (s.spec().subdomain() != null) {
            ctx.error(at, message, hint);
          } else {
            ctx.errorAtKey(at, message, hint);
          }
        }
      }
    });
  }
}
