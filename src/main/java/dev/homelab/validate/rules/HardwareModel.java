package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.HardwareModels;
import dev.homelab.diag.Suggest;
import dev.homelab.model.Role;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0404: {@code hardware.model} names a module of nixos-hardware (its flake's
 * {@code nixosModules}), and a Raspberry Pi's module goes with role {@code pi} and a board
 * that runs aarch64-linux; a model's module goes on a Linux host.
 */
public final class HardwareModel implements Rule {

  @Override
  public String id() {
    return "HL0404";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      String model = host.hardware().model();
      if (model == null) {
        return;
      }
      String at = SourceMap.path("hosts", name, "hardware", "model");
      if (!HardwareModels.all().contains(model)) {
        String hint = Suggest.didYouMean(model, HardwareModels.all());
        ctx.error(at, "`" + model + "` is not a module of nixos-hardware",
            hint != null ? hint : "name one of nixos-hardware's nixosModules, such as `raspberry-pi-4` or `framework-13-7040-amd`");
      } else if (HardwareModels.isPi(model) && host.role() != Role.PI) {
        ctx.error(at, "`" + model + "` is a Raspberry Pi, but `" + name + "` has role `" + host.role().wire() + "`",
            "give the host `role: pi` (it then boots through extlinux)");
      } else if (host.role() == Role.PI && !HardwareModels.AARCH64_PIS.contains(model)) {
        ctx.error(at, "`" + name + "` has role `pi`, which runs aarch64-linux, and `" + model + "` is not a 64-bit Raspberry Pi",
            "name the board: " + String.join(", ", HardwareModels.AARCH64_PIS));
      } else if (host.role() == Role.DARWIN) {
        ctx.error(at, "`" + name + "` is a Mac: nixos-hardware's modules are for NixOS", "remove `hardware.model`");
      }
    });
  }
}
