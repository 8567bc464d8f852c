package dev.homelab.plan.storage;

import dev.homelab.model.BtrfsRoot;
import dev.homelab.model.Host;
import dev.homelab.model.Pool;
import dev.homelab.model.Topology;
import dev.homelab.model.ZfsRoot;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code disko.nix}: the disk layout of the host's new pools (those with devices that
 * are not {@code existing}) and of its BTRFS root disk ({@code impermanence.btrfs}), for disko
 * to create at the first install. The root disk gets a GPT table with an ESP and one
 * partition, LUKS-encrypted unless the spec says otherwise, holding a BTRFS file system with a
 * subvolume per mountpoint. Each pool device gets a GPT
 * table with one partition for the pool; the pool gets its topology, {@code ashift},
 * {@code autotrim} and root properties. Datasets are not listed: the idempotent unit of
 * {@code datasets.nix} creates and tunes them on every switch, on new pools as on existing
 * ones.
 */
public final class DiskoPlanner {

  /** Properties of a new pool's root dataset; every dataset below inherits them. */
  private static final Map<String, String> ROOT_FS = rootFs();

  /** The name disko gives the BTRFS root disk; its root partition's label is disk-system-root. */
  static final String ROOT_DISK = "system";

  /** The LUKS mapping of the encrypted root partition, /dev/mapper/cryptroot once opened. */
  static final String LUKS_NAME = "cryptroot";

  /** Mount options of every subvolume: transparent compression, no access-time writes. */
  static final List<String> SUBVOLUME_OPTIONS = List.of("compress=zstd", "noatime");

  /** Where the swap subvolume is mounted; the swap file lies in it. */
  static final String SWAP_MOUNT = "/.swapvol";

  private DiskoPlanner() {}

  /** The device the BTRFS file system of the root disk is on, once the initrd has opened it. */
  static String btrfsDevice(BtrfsRoot root) {
    return root.encrypt() ? "/dev/mapper/" + LUKS_NAME : "/dev/disk/by-partlabel/disk-" + ROOT_DISK + "-root";
  }

  /** The BTRFS root disk of the host, or null. */
  public static BtrfsRoot btrfsRoot(Host host) {
    return host.impermanence() == null ? null : host.impermanence().btrfs();
  }

  private static Map<String, String> rootFs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("compression", "lz4");
    m.put("atime", "off");
    m.put("xattr", "sa");
    m.put("acltype", "posixacl");
    // The root itself is never mounted; its mountpoint stays ZFS's /<pool>, so a dataset
    // without one mounts at /<pool>/<name>, as on an existing pool.
    m.put("canmount", "off");
    return m;
  }

  /** The host's pools disko lays out, by name, in spec order. */
  public static Map<String, Pool> laidOut(Host host) {
    Map<String, Pool> out = new LinkedHashMap<>();
    host.storage().forEach((name, pool) -> {
      if (pool.isLaidOut()) {
        out.put(name, pool);
      }
    });
    return out;
  }

  /** The name disko gives a device: the last part of its by-id path. */
  static String diskName(String device) {
    return device.substring(device.lastIndexOf('/') + 1);
  }

  /** The ZFS root of the host when disko lays its pool out (it names a device), or null. */
  public static ZfsRoot zfsRootLaidOut(Host host) {
    ZfsRoot zfs = ImpermanencePlanner.zfsRoot(host);
    return zfs != null && zfs.device() != null ? zfs : null;
  }

  /** Null when the host has no new pool and no BTRFS or ZFS root to lay out. */
  public static PlannedFile plan(HostContext ctx) {
    Map<String, Pool> pools = laidOut(ctx.host);
    BtrfsRoot root = btrfsRoot(ctx.host);
    ZfsRoot zfsRoot = zfsRootLaidOut(ctx.host);
    if (pools.isEmpty() && root == null && zfsRoot == null) {
      return null;
    }
    Bindings disks = new Bindings();
    if (root != null) {
      disks.comment(rootComment(ctx, root)).set(List.of(ROOT_DISK), rootDisk(ctx, root));
    }
    Bindings zpools = new Bindings();
    if (zfsRoot != null) {
      disks.comment(List.of("The root disk (hosts." + ctx.name + ".impermanence.zfs): an ESP, then the root pool "
              + zfsRoot.pool() + ".")).set(List.of(ROOT_DISK), zfsRootDisk(zfsRoot));
      zpools.comment(zfsRoot.pool() + ": the root pool, on one device. " + zfsRoot.rootDataset() + " is /, rolled back to @"
              + ZfsRoot.BLANK + " at every boot (impermanence.nix); the other datasets keep their content.")
          .set(List.of(zfsRoot.pool()), zfsRootPool(ctx, zfsRoot));
    }
    for (Map.Entry<String, Pool> e : pools.entrySet()) {
      String poolName = e.getKey();
      Pool pool = e.getValue();
      for (String device : pool.devices()) {
        Bindings partition = new Bindings()
            .str("size", "100%")
            .set("content", new Bindings().str("type", "zfs").str("pool", poolName).attrs());
        disks.set(List.of(diskName(device)), new Bindings()
            .str("type", "disk")
            .str("device", device)
            .set("content", new Bindings()
                .str("type", "gpt")
                .set(List.of("partitions", "zfs"), partition.attrs())
                .attrs())
            .attrs());
      }
      Bindings zpool = new Bindings().str("type", "zpool");
      if (pool.topology() != Topology.SINGLE) {
        zpool.str("mode", pool.topology().zfsMode());
      }
      Bindings options = new Bindings()
          .str("ashift", Integer.toString(pool.ashift()));
      if (Boolean.TRUE.equals(pool.autotrim())) {
        options.str("autotrim", "on");
      }
      zpool.comment("Pool properties, fixed at creation (hosts." + ctx.name + ".storage." + poolName + ".ashift, .autotrim).")
          .set("options", options.attrs());
      Bindings rootFs = new Bindings();
      ROOT_FS.forEach(rootFs::str);
      zpool.comment("Inherited by every dataset; the root is never mounted itself.")
          .set("rootFsOptions", rootFs.attrs());
      zpools.comment(topologyComment(poolName, pool))
          .set(List.of(poolName), zpool.attrs());
    }
    Bindings b = new Bindings();
    b.set(List.of("disko", "devices", "disk"), disks.attrs());
    if (!pools.isEmpty() || zfsRoot != null) {
      b.set(List.of("disko", "devices", "zpool"), zpools.attrs());
    }
    if (root != null) {
      // A scrub reads the whole file system whichever subvolume it is given; /nix is always mounted.
      b.comment("Every block of the BTRFS file system is read and checked against its checksum once a month.")
          .set("services.btrfs.autoScrub", new Bindings()
              .bool("enable", true)
              .set("fileSystems", NixValue.strings(List.of("/nix")))
              .attrs());
    }
    List<String> comment = new ArrayList<>();
    boolean rootDisk = root != null || zfsRoot != null;
    String what = !rootDisk ? "The disks of this host's new pools"
        : pools.isEmpty() ? "The root disk of this host" : "The root disk of this host and the disks of its new pools";
    comment.addAll(Headers.wrap(what + ", for disko to partition and format at the first"
        + " install (nixos-anywhere, or disko's destroy,format,mount mode): that ERASES every disk listed here."
        + " On a running system it only describes them (disko's module turns the layout into fileSystems,"
        + " swapDevices and boot.initrd.luks); disko never formats anything on a switch."));
    if (!pools.isEmpty()) {
      comment.addAll(Headers.wrap((zfsRoot != null ? "Datasets of the other pools" : "Datasets") + " are not listed: the unit in datasets.nix creates and tunes them on every switch,"
          + " never destroying, so a dataset added to the spec later is created the same way."));
    }
    return ctx.module("disko.nix", "hosts/module.nix.ftl", comment, b.build());
  }

  private static List<String> rootComment(HostContext ctx, BtrfsRoot root) {
    List<String> out = new ArrayList<>();
    out.add("The root disk (hosts." + ctx.name + ".impermanence.btrfs): an ESP, then "
        + (root.encrypt() ? "LUKS (" + LUKS_NAME + ", a passphrase at every boot) holding " : "") + "BTRFS.");
    out.add("@ is the root, replaced by an empty subvolume at every boot (impermanence.nix);");
    out.add("the other subvolumes keep their content.");
    return out;
  }

  private static NixValue rootDisk(HostContext ctx, BtrfsRoot root) {
    String persist = ctx.host.impermanence().persist();
    Bindings subvolumes = new Bindings();
    subvolumes.set(List.of("@"), subvolume("/"));
    subvolumes.set(List.of("@persist"), subvolume(persist));
    subvolumes.set(List.of("@nix"), subvolume("/nix"));
    if (root.home()) {
      subvolumes.set(List.of("@home"), subvolume("/home"));
    }
    if (root.swap() != null) {
      subvolumes.comment("A swap file of " + root.swap() + " (disko makes it with `btrfs filesystem mkswapfile`), in a subvolume"
              + " of its own that the rollback never touches.")
          .set(List.of("@swap"), new Bindings()
              .str("mountpoint", SWAP_MOUNT)
              .str("swap.swapfile.size", root.swap())
              .attrs());
    }
    NixValue btrfs = new Bindings()
        .str("type", "btrfs")
        .set("extraArgs", NixValue.strings(List.of("-f")))
        .set("subvolumes", subvolumes.attrs())
        .attrs();
    NixValue content = btrfs;
    if (root.encrypt()) {
      content = new Bindings()
          .str("type", "luks")
          .str("name", LUKS_NAME)
          .comment("TRIM passes through to the SSD (it reveals which blocks are free, not their content).")
          .bool("settings.allowDiscards", true)
          .set("content", btrfs)
          .attrs();
    }
    Bindings partitions = new Bindings();
    partitions.set(List.of("ESP"), esp());
    partitions.set(List.of("root"), new Bindings()
        .str("size", "100%")
        .set("content", content)
        .attrs());
    return new Bindings()
        .str("type", "disk")
        .str("device", root.device())
        .set("content", new Bindings()
            .str("type", "gpt")
            .set("partitions", partitions.attrs())
            .attrs())
        .attrs();
  }

  /** The root disk of a ZFS root: a 1G ESP at /boot, then the rest for the pool. */
  private static NixValue zfsRootDisk(ZfsRoot zfs) {
    Bindings partitions = new Bindings();
    partitions.set(List.of("ESP"), esp());
    partitions.set(List.of("zfs"), new Bindings()
        .str("size", "100%")
        .set("content", new Bindings().str("type", "zfs").str("pool", zfs.pool()).attrs())
        .attrs());
    return new Bindings()
        .str("type", "disk")
        .str("device", zfs.device())
        .set("content", new Bindings()
            .str("type", "gpt")
            .set("partitions", partitions.attrs())
            .attrs())
        .attrs();
  }

  /**
   * The root pool: its {@code ashift}, the root properties of every new pool (unmounted,
   * {@code mountpoint=none}), the root dataset at {@code /} whose blank snapshot is taken right
   * after disko creates it, empty, and each persistent dataset at its mountpoint, all
   * {@code mountpoint=legacy} (disko turns them into {@code fileSystems}; {@code zfs create -p}
   * makes their parents, which inherit {@code none}).
   */
  private static NixValue zfsRootPool(HostContext ctx, ZfsRoot zfs) {
    Bindings rootFs = new Bindings();
    ROOT_FS.forEach(rootFs::str);
    rootFs.str("mountpoint", "none");
    Bindings datasets = new Bindings();
    datasets.comment("/: rolled back at every boot to @" + ZfsRoot.BLANK + ", which disko takes while it is empty.")
        .set(List.of(zfs.rollback()), new Bindings()
            .str("type", "zfs_fs")
            .str("mountpoint", "/")
            .str("options.mountpoint", "legacy")
            .str("postCreateHook", "zfs snapshot " + dev.homelab.plan.quote.Shell.word(zfs.blankSnapshot()))
            .attrs());
    zfs.persistent(ctx.host.impermanence().persist()).forEach((name, mp) -> datasets.set(List.of(name), new Bindings()
        .str("type", "zfs_fs")
        .str("mountpoint", mp)
        .str("options.mountpoint", "legacy")
        .attrs()));
    return new Bindings()
        .str("type", "zpool")
        .comment("Pool properties, fixed at creation (hosts." + ctx.name + ".impermanence.zfs.ashift).")
        .set("options", new Bindings().str("ashift", Integer.toString(zfs.ashift())).attrs())
        .comment("Inherited by every dataset; the root is never mounted itself.")
        .set("rootFsOptions", rootFs.attrs())
        .set("datasets", datasets.attrs())
        .attrs();
  }

  private static NixValue esp() {
    return new Bindings()
        .str("size", "1G")
        .str("type", "EF00")
        .set("content", new Bindings()
            .str("type", "filesystem")
            .str("format", "vfat")
            .str("mountpoint", "/boot")
            .set("mountOptions", NixValue.strings(List.of("umask=0077")))
            .attrs())
        .attrs();
  }

  private static NixValue subvolume(String mountpoint) {
    return new Bindings()
        .str("mountpoint", mountpoint)
        .set("mountOptions", NixValue.strings(SUBVOLUME_OPTIONS))
        .attrs();
  }

  private static String topologyComment(String name, Pool pool) {
    int n = pool.devices().size();
    return switch (pool.topology()) {
      case SINGLE -> name + ": one device, no redundancy.";
      case MIRROR -> name + ": a mirror of " + n + " devices; it survives losing " + (n - 1) + " of them.";
      case RAIDZ1 -> name + ": raidz1 over " + n + " devices; it survives losing one of them.";
      case RAIDZ2 -> name + ": raidz2 over " + n + " devices; it survives losing two of them.";
    };
  }
}
