package dev.homelab.validate.rules;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.HashMap;
import java.util.Map;

/**
 * HL0307: a host runs each service kind once. A kind's NixOS module (and the containers,
 * users and ids of a container kind) exist once per host, so a second service of the same
 * kind would silently merge into the first. Kinds whose descriptor says {@code multiple}
 * (custom containers, named after their service) may run many times.
 */
public final class OneInstancePerHost implements Rule {

  @Override
  public String id() {
    return "HL0307";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      Map<String, EffectiveService> first = new HashMap<>();
      for (EffectiveService s : ctx.services(hostName, host)) {
        if (s.descriptor().multiple()) {
          continue;
        }
        EffectiveService earlier = first.putIfAbsent(s.kind(), s);
        if (earlier != null) {
          ctx.errorAtKey(s.path(), "`" + s.name() + "` is a second `" + s.kind() + "` on host `" + hostName + "` (the first is `"
              + earlier.name() + "` at " + ctx.sources().key(earlier.path()) + ")",
              "a host runs each kind once: remove one, or move it to another host");
        }
      }
    });
  }
}
