package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0492: a host whose root is on ZFS ({@code impermanence.zfs}) has a {@code hostId}: the
 * initrd imports the root pool only on the machine whose host id it was last imported with,
 * and NixOS refuses to build ZFS support without {@code networking.hostId}. (A host with
 * {@code storage} gets HL0310 instead.)
 */
public final class ZfsRootHostId implements Rule {

  @Override
  public String id() {
    return "HL0492";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      if (host.hostId() == null && !host.usesZfs() && host.impermanence() != null && host.impermanence().zfs() != null) {
        ctx.errorAtKey(SourceMap.path("hosts", name, "impermanence", "zfs"), "host `" + name + "` has its root on ZFS but no `hostId`",
            "add `hostId:` with 8 hex digits (`head -c4 /dev/urandom | od -A none -t x4`) to hosts." + name
                + "; the initrd imports the root pool by it, so keep it stable");
      }
    });
  }
}
