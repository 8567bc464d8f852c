package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.BootLoader;
import dev.homelab.model.BtrfsRoot;
import dev.homelab.model.Impermanence;
import dev.homelab.model.Pool;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * HL0325: the BTRFS root disk of an ephemeral-root host ({@code impermanence.btrfs}) can be
 * laid out: its device is a stable {@code /dev/disk/by-id/} path and not a disk of one of the
 * host's ZFS pools; the persist path is not a mountpoint the layout already gives a subvolume
 * or the ESP; the host boots with systemd-boot, for which the layout makes its ESP. A warning
 * too, for any ephemeral root: on a desktop every admin needs a {@code passwordHash}, since
 * /etc/shadow is wiped at each boot and nobody could log in at the console or display manager.
 */
public final class BtrfsRootLayout implements Rule {

  @Override
  public String id() {
    return "HL0325";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      Impermanence imp = host.impermanence();
      if (imp == null) {
        return;
      }
      if (host.role().isWorkstation()) {
        ctx.spec().admins().forEach((admin, person) -> {
          if (person.passwordHash() == null) {
            ctx.warningAtKey(SourceMap.path("admins", admin), "admin `" + admin + "` has no password, and desktop `" + hostName
                    + "` wipes its root at every boot: nobody can log in at its console or display manager",
                "give it `passwordHash: { secret: " + admin + "/password-hash }` (declared under `secrets:`) holding a hash made"
                    + " with `mkpasswd -m yescrypt`; a password set with passwd on the host is lost at the next boot");
          }
        });
      }
      if (imp.btrfs() == null) {
        return;
      }
      BtrfsRoot root = imp.btrfs();
      String impPath = SourceMap.path("hosts", hostName, "impermanence");
      String btrfsPath = SourceMap.child(impPath, "btrfs");
      String devicePath = SourceMap.child(btrfsPath, "device");
      if (root.device() != null) {
        if (!PoolLayout.BY_ID.matcher(root.device()).matches()) {
          ctx.error(devicePath, "`" + root.device() + "` is not a /dev/disk/by-id/ path",
              "names such as /dev/nvme0n1 can change between boots and would format the wrong disk: use the disk's name under"
                  + " /dev/disk/by-id/ (`ls -l /dev/disk/by-id/`)");
        } else {
          for (Map.Entry<String, Pool> p : host.storage().entrySet()) {
            if (p.getValue().devices().contains(root.device())) {
              ctx.error(devicePath, "`" + root.device() + "` is a device of pool `" + p.getKey() + "` too",
                  "disko would format the disk twice: the BTRFS root takes a disk of its own, give it another disk or"
                      + " remove this one from the pool's `devices`");
              break;
            }
          }
        }
      }
      List<String> taken = new java.util.ArrayList<>(List.of("/", "/nix", "/boot"));
      if (root.home()) {
        taken.add("/home");
      }
      if (root.swap() != null) {
        taken.add("/.swapvol");
      }
      if (taken.contains(imp.persist())) {
        String where = ctx.sources().has(SourceMap.child(impPath, "persist")) ? SourceMap.child(impPath, "persist") : btrfsPath;
        ctx.error(where, "`persist: " + imp.persist() + "` is a mountpoint the BTRFS layout gives another subvolume",
            "keep the state on a path of its own, such as `/persist`: the layout mounts @ at /, @nix at /nix, the ESP at /boot"
                + (root.home() ? " and @home at /home" : ""));
      }
      if (host.boot().loader() == BootLoader.GRUB) {
        String where = ctx.sources().has(SourceMap.path("hosts", hostName, "boot", "loader"))
            ? SourceMap.path("hosts", hostName, "boot", "loader") : btrfsPath;
        ctx.error(where, "the BTRFS root layout boots with systemd-boot from its ESP, not GRUB on a BIOS disk",
            "remove `boot.loader: grub` (EFI firmware and systemd-boot), or lay the disk out by hand without `impermanence.btrfs`");
      }
    });
  }
}
