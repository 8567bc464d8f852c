package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Forced;
import dev.homelab.model.Role;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0400: a desktop environment belongs to a workstation ({@code desktop}, {@code laptop}, and
 * a {@code vm} may have one); a headless role ({@code server}, {@code nas}, {@code pi}) gets
 * one only with {@code force: [desktop]}; a Mac brings its own.
 */
public final class DesktopRole implements Rule {

  @Override
  public String id() {
    return "HL0400";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      String desktop = SourceMap.path("hosts", name, "desktop");
      Role role = host.role();
      if (host.desktop() == null || !ctx.sources().has(desktop)) {
        return;
      }
      if (role == Role.DARWIN) {
        ctx.errorAtKey(desktop, "`" + name + "` is a Mac: macOS brings its own desktop", "remove `desktop:`");
      } else if (role.isHeadless() && !host.forces(Forced.DESKTOP)) {
        ctx.errorAtKey(desktop, "`" + name + "` has role `" + role.wire() + "`, which is headless: a desktop environment does not belong there",
            "make its role `desktop` or `laptop`, or add `force: [desktop]` if the machine really has a screen and a user");
      }
    });
  }
}
