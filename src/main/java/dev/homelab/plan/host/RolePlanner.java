package dev.homelab.plan.host;

import dev.homelab.model.Desktop;
import dev.homelab.model.DisplayManager;
import dev.homelab.model.Host;
import dev.homelab.model.Role;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixData;
import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code hosts/<host>/role.nix}: what the host's role (and, on a workstation, its
 * {@code desktop:}) turns on by default. Every binding but the Pi's boot loader is
 * {@code lib.mkDefault}, so the host's own {@code nixos:} (which lands in {@code default.nix})
 * changes any of them without a conflict; each says so in its comment.
 */
public final class RolePlanner {

  private RolePlanner() {}

  /** One default of a role: the option, its value, and why the role sets it. */
  public record Default(List<String> path, NixValue value, String why) {

    Default(String dotted, NixValue value, String why) {
      this(NixData.path(dotted), value, why);
    }

    /** The option as the spec's {@code nixos:} would write it. */
    public String dotted() {
      return String.join(".", path);
    }
  }

  /** The defaults of the host's role, in the order the file writes them. */
  public static List<Default> defaults(Host host) {
    List<Default> out = new ArrayList<>();
    Role role = host.role();
    if (role == Role.PI) {
      out.add(new Default("boot.loader.grub.enable", NixValue.bool(false),
          "A Raspberry Pi boots from its SD card's firmware partition, not with GRUB or systemd-boot."));
      out.add(new Default("boot.loader.generic-extlinux-compatible.enable", NixValue.bool(true),
          "U-Boot reads /boot/extlinux/extlinux.conf, which this loader writes at every switch."));
    }
    if (role.isHeadless()) {
      String why = "Headless: no NixOS manual, HTML docs or info pages built into the system (man pages stay).";
      out.add(new Default("documentation.nixos.enable", mkDefault(false), why));
      out.add(new Default("documentation.doc.enable", mkDefault(false), null));
      out.add(new Default("documentation.info.enable", mkDefault(false), null));
    }
    if (role == Role.VM) {
      out.add(new Default("services.qemuGuest.enable", mkDefault(true),
          "A QEMU guest: the guest agent lets the hypervisor shut it down cleanly and read its addresses."));
    }
    Desktop d = host.desktop();
    if (d != null && d.environment() != null) {
      switch (d.environment()) {
        case PLASMA -> out.add(new Default("services.desktopManager.plasma6.enable", mkDefault(true), "KDE Plasma 6 (hosts.<host>.desktop.environment)."));
        case GNOME -> out.add(new Default("services.desktopManager.gnome.enable", mkDefault(true), "GNOME (hosts.<host>.desktop.environment)."));
        case HYPRLAND -> out.add(new Default("programs.hyprland.enable", mkDefault(true), "Hyprland, a Wayland compositor (hosts.<host>.desktop.environment)."));
        case NIRI -> out.add(new Default("programs.niri.enable", mkDefault(true), "niri, a scrollable-tiling Wayland compositor (hosts.<host>.desktop.environment)."));
      }
      if (d.displayManager() == DisplayManager.SDDM) {
        out.add(new Default("services.displayManager.sddm.enable", mkDefault(true), "SDDM logs in, itself on Wayland (hosts.<host>.desktop.displayManager)."));
        out.add(new Default("services.displayManager.sddm.wayland.enable", mkDefault(true), null));
      } else if (d.displayManager() == DisplayManager.GDM) {
        out.add(new Default("services.displayManager.gdm.enable", mkDefault(true), "GDM logs in (hosts.<host>.desktop.displayManager)."));
      }
    }
    if (role.isWorkstation()) {
      out.add(new Default("networking.networkmanager.enable", mkDefault(true), "Networks are joined with NetworkManager (Wi-Fi, VPNs)."));
      out.add(new Default("services.pipewire.enable", mkDefault(true), "Audio through PipeWire, with its ALSA and PulseAudio sides; rtkit gives it real-time priority."));
      out.add(new Default("services.pipewire.alsa.enable", mkDefault(true), null));
      out.add(new Default("services.pipewire.pulse.enable", mkDefault(true), null));
      out.add(new Default("security.rtkit.enable", mkDefault(true), null));
      out.add(new Default("services.printing.enable", mkDefault(true), "Printing with CUPS."));
      out.add(new Default("hardware.bluetooth.enable", mkDefault(true), "Bluetooth."));
    }
    if (role == Role.LAPTOP) {
      out.add(new Default("services.power-profiles-daemon.enable", mkDefault(true),
          "Power profiles (balanced, power-saver, performance) the desktop switches between; TLP cannot run beside it."
              + " Closing the lid suspends (logind's default)."));
    }
    return out;
  }

  /** Whether the role's defaults turn this option on (its value, or the value under {@code lib.mkDefault}, is true). */
  public static boolean turnsOn(Host host, List<String> path) {
    for (Default d : defaults(host)) {
      if (d.path().equals(path)) {
        NixValue v = d.value() instanceof NixValue.Apply a ? a.argument() : d.value();
        return v instanceof NixValue.Bool b && b.value();
      }
    }
    return false;
  }

  /** The file, or null for a role without defaults (darwin). */
  public static PlannedFile plan(HostContext ctx) {
    List<Default> defaults = defaults(ctx.host);
    if (defaults.isEmpty()) {
      return null;
    }
    List<Binding> bindings = new ArrayList<>();
    for (Default d : defaults) {
      List<String> comment = new ArrayList<>();
      if (d.why() != null) {
        comment.add(d.why().replace("<host>", ctx.name));
        boolean fixed = !(d.value() instanceof NixValue.Apply);
        comment.add(fixed ? "Role `" + ctx.host.role().wire() + "` sets this outright: a Pi boots no other way (`boot:` is refused on it)."
            : "The role's default: set the option in hosts." + ctx.name + ".nixos to change it.");
      }
      bindings.add(new Binding(d.path(), d.value(), comment));
    }
    List<String> why = new ArrayList<>();
    why.add("# What role `" + ctx.host.role().wire() + "` (hosts." + ctx.name + ".role) turns on by default.");
    if (ctx.host.hardware().model() != null) {
      why.add("# The machine's own settings come from nixos-hardware's `" + ctx.host.hardware().model() + "` module (flake.nix).");
    }
    return ctx.module("role.nix", "hosts/module.nix.ftl", why, bindings);
  }

  /**
   * What the machine is, as lines of Markdown for the flake's docs: its role and what the role
   * turns on, its desktop, the packages and input modules it takes, and for a Pi and a VM how
   * the first install goes. Names in it were checked by validation.
   */
  public static List<String> describe(dev.homelab.model.Spec spec, String name, Host host) {
    List<String> out = new ArrayList<>();
    Role role = host.role();
    String file = "`hosts/" + name + "/role.nix`";
    String line = "Role `" + role.wire() + "` (`" + host.system() + "`)";
    Desktop d = host.desktop();
    List<String> on = new ArrayList<>();
    if (d != null && d.environment() != null && role != Role.DARWIN) {
      on.add(switch (d.environment()) {
        case PLASMA -> "KDE Plasma 6";
        case GNOME -> "GNOME";
        case HYPRLAND -> "Hyprland";
        case NIRI -> "niri";
      } + (d.displayManager() == DisplayManager.NONE ? " (no display manager: start it from a console login)"
          : ", logged into with " + (d.displayManager() == DisplayManager.GDM ? "GDM" : "SDDM")));
    }
    if (role.isWorkstation()) {
      on.add("NetworkManager, PipeWire audio, CUPS printing and bluetooth");
    }
    if (role == Role.LAPTOP) {
      on.add("power-profiles-daemon (closing the lid suspends, logind's default)");
    }
    if (role.isHeadless()) {
      on.add("headless: no NixOS manual, HTML docs or info pages");
    }
    if (role == Role.VM) {
      on.add("the QEMU guest agent");
    }
    if (role == Role.PI) {
      on.add("boots through U-Boot and extlinux (`boot.loader.generic-extlinux-compatible`), never systemd-boot or GRUB");
    }
    if (!on.isEmpty()) {
      out.add(line + ": " + String.join("; ", on) + ". Each is a default in " + file
          + (role == Role.PI ? " (the boot loader is fixed)" : "") + "; the host's `nixos:` overrides it.");
    } else {
      out.add(line + ".");
    }
    if (host.hardware().model() != null) {
      out.add("Hardware: nixos-hardware's `" + host.hardware().model() + "` module (`nixos-hardware.nixosModules."
          + host.hardware().model() + "` in `flake.nix`).");
    }
    if (!host.packages().isEmpty()) {
      out.add("Packages for every user (`hosts/" + name + "/packages.nix`): "
          + String.join(", ", host.packages().stream().distinct().map(p -> "`" + p + "`").toList()) + ".");
    }
    for (String input : host.use()) {
      dev.homelab.model.FlakeInput in = spec.flake().inputs().get(input);
      if (in == null) {
        continue;
      }
      List<String> takes = new ArrayList<>();
      if (in.modules().nixos() != null) {
        takes.add("its module `" + in.modules().nixos() + "`");
      }
      if (in.overlay() != null) {
        takes.add("its overlay `" + in.overlay() + "` in `nixpkgs.overlays`");
      }
      String options = in.options().isEmpty() ? ""
          : "; options below " + String.join(", ", in.options().stream().map(o -> "`" + o + "`").toList()) + " are left to Nix";
      out.add("Flake input `" + input + "` (`" + in.url() + "`): " + String.join(" and ", takes) + options + ".");
    }
    if (role == Role.PI) {
      out.add("First install: write the aarch64-linux SD card image of the NixOS release (hydra.nixos.org, job `nixos.sd_image`)"
          + " to the card (`zstdcat IMAGE.img.zst | sudo dd of=/dev/sdX bs=4M conv=fsync`) and boot the Pi from it; put"
          + " `nixos-generate-config --show-hardware-config` from the Pi into `hosts/" + name + "/hardware-configuration.nix`"
          + " (its root is the card's `NIXOS_SD` partition); then `nixos-rebuild switch --flake .#" + name + " --target-host root@"
          + name + "` from a machine that builds aarch64-linux (the Pi itself, or one with"
          + " `boot.binfmt.emulatedSystems = [ \"aarch64-linux\" ]`).");
    } else if (role == Role.VM) {
      out.add("First install: boot the NixOS installer ISO for " + host.system() + " in the hypervisor and install as on any"
          + " machine; `nixos-generate-config` writes the guest's virtio drivers (the `qemu-guest` profile) into"
          + " `hardware-configuration.nix`.");
    }
    return out;
  }

  /** Whether the host's {@code nixos:} sets this option (dotted or nested), so the role's default gives way. */
  public static boolean ownSets(Host host, List<String> path) {
    return OptionLeaf.flatten(NixData.bindings(host.nixos())).stream().anyMatch(l -> l.path().equals(path));
  }

  private static NixValue mkDefault(boolean b) {
    return NixValue.mkDefault(NixValue.bool(b));
  }
}
