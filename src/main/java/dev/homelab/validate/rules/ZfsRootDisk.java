package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.BootLoader;
import dev.homelab.model.Impermanence;
import dev.homelab.model.Pool;
import dev.homelab.model.ZfsRoot;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0493: a ZFS root can be set up: not beside a BTRFS root ({@code btrfs} and {@code zfs}
 * are two layouts of one root); its {@code device}, when disko lays the pool out, is a stable
 * {@code /dev/disk/by-id/} path that no pool of the host's {@code storage} lists, the pool is
 * not also a new pool of {@code storage} (disko would create it twice), and the host boots
 * with systemd-boot from the ESP the layout makes.
 */
public final class ZfsRootDisk implements Rule {

  @Override
  public String id() {
    return "HL0493";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      Impermanence imp = host.impermanence();
      if (imp == null || imp.zfs() == null) {
        return;
      }
      ZfsRoot zfs = imp.zfs();
      String impPath = SourceMap.path("hosts", hostName, "impermanence");
      String zfsPath = SourceMap.child(impPath, "zfs");
      if (imp.btrfs() != null) {
        ctx.errorAtKey(SourceMap.child(impPath, "btrfs"), "the root cannot be both a BTRFS and a ZFS layout",
            "keep one of `impermanence.btrfs` and `impermanence.zfs`");
      }
      Pool pool = host.storage().get(zfs.pool());
      if (pool != null && pool.isLaidOut()) {
        ctx.errorAtKey(SourceMap.path("hosts", hostName, "storage", zfs.pool()), "pool `" + zfs.pool()
                + "` is the ZFS root's pool and a new pool of `storage` too: disko would create it twice",
            "lay the root pool out with `impermanence.zfs.device` only, and declare it in `storage` without `devices`"
                + " (its data datasets), or give the root another `pool`");
      }
      if (zfs.device() == null) {
        return;
      }
      String devicePath = SourceMap.child(zfsPath, "device");
      if (!PoolLayout.BY_ID.matcher(zfs.device()).matches()) {
        ctx.error(devicePath, "`" + zfs.device() + "` is not a /dev/disk/by-id/ path",
            "names such as /dev/nvme0n1 can change between boots and would format the wrong disk: use the disk's name under"
                + " /dev/disk/by-id/ (`ls -l /dev/disk/by-id/`)");
      } else {
        for (Map.Entry<String, Pool> p : host.storage().entrySet()) {
          if (p.getValue().devices().contains(zfs.device())) {
            ctx.error(devicePath, "`" + zfs.device() + "` is a device of pool `" + p.getKey() + "` too",
                "disko would format the disk twice: the root pool takes a disk of its own");
            break;
          }
        }
      }
      if (host.boot().loader() == BootLoader.GRUB) {
        String where = ctx.sources().has(SourceMap.path("hosts", hostName, "boot", "loader"))
            ? SourceMap.path("hosts", hostName, "boot", "loader") : devicePath;
        ctx.error(where, "the ZFS root layout boots with systemd-boot from its ESP, not GRUB on a BIOS disk",
            "remove `boot.loader: grub` (EFI firmware and systemd-boot), or lay the disk out by hand without `device`");
      }
    });
  }
}
