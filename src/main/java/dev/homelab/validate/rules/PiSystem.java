package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Role;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/** HL0401: a host with role {@code pi} runs 64-bit NixOS, {@code system: aarch64-linux}. */
public final class PiSystem implements Rule {

  @Override
  public String id() {
    return "HL0401";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      if (host.role() != Role.PI || host.system().equals("aarch64-linux")) {
        return;
      }
      String at = SourceMap.path("hosts", name);
      String system = SourceMap.child(at, "system");
      ctx.error(ctx.sources().has(system) ? system : SourceMap.child(at, "role"),
          "`" + name + "` has role `pi` but system `" + host.system() + "`: a Raspberry Pi runs NixOS as aarch64-linux",
          "write `system: aarch64-linux` (a Raspberry Pi 3, 4 or 5), or give the host another role");
    });
  }
}
