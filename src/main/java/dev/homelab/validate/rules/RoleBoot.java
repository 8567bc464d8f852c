package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Role;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0403: a role whose boot loader is fixed and a {@code boot:} that says otherwise. A
 * Raspberry Pi boots through U-Boot and extlinux (role {@code pi} sets it); systemd-boot or
 * GRUB there would leave it unbootable.
 */
public final class RoleBoot implements Rule {

  @Override
  public String id() {
    return "HL0403";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      String boot = SourceMap.path("hosts", name, "boot");
      if (host.role() == Role.PI && ctx.sources().has(boot)) {
        ctx.errorAtKey(boot, "`" + name + "` has role `pi`, which boots through extlinux: `boot:` (" + host.boot().loader().wire()
                + ") clashes with it", "remove `boot:`; role `pi` sets boot.loader.generic-extlinux-compatible");
      }
    });
  }
}
