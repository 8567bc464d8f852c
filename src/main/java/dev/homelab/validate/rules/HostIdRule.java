package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/** HL0310: a host id is 8 hex digits, and a host with a ZFS pool must have one. */
public final class HostIdRule implements Rule {

  @Override
  public String id() {
    return "HL0310";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      String path = SourceMap.child("hosts", name);
      if (host.hostId() == null) {
        if (host.usesZfs()) {
          ctx.errorAtKey(path, "host `" + name + "` uses ZFS but has no `hostId`",
              "add `hostId:` with 8 hex digits, e.g. from `head -c4 /dev/urandom | od -A none -t x4`; keep it stable");
        }
      } else if (!host.hostId().matches("[0-9a-f]{8}")) {
        ctx.error(SourceMap.child(path, "hostId"), "`" + host.hostId() + "` is not a host id",
            "a host id is exactly 8 lowercase hex digits, such as `8425e349` (quote it if it is all digits)");
      }
    });
  }
}
