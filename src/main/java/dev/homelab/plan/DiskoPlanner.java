package dev.homelab.plan;

import dev.homelab.model.Host;
import dev.homelab.model.Pool;
import dev.homelab.model.Topology;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code disko.nix}: the disk layout of the host's new pools (those with devices that
 * are not {@code existing}), for disko to create at the first install. Each device gets a GPT
 * table with one partition for the pool; the pool gets its topology, {@code ashift},
 * {@code autotrim} and root properties. Datasets are not listed: the idempotent unit of
 * {@code datasets.nix} creates and tunes them on every switch, on new pools as on existing
 * ones.
 */
final class DiskoPlanner {

  /** Properties of a new pool's root dataset; every dataset below inherits them. */
  private static final Map<String, String> ROOT_FS = rootFs();

  private DiskoPlanner() {}

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
  static Map<String, Pool> laidOut(Host host) {
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

  /** Null when the host has no new pool to lay out. */
  static PlannedFile plan(HostContext ctx) {
    Map<String, Pool> pools = laidOut(ctx.host);
    if (pools.isEmpty()) {
      return null;
    }
    Bindings disks = new Bindings();
    Bindings zpools = new Bindings();
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
      Bindings root = new Bindings();
      ROOT_FS.forEach(root::str);
      zpool.comment("Inherited by every dataset; the root is never mounted itself.")
          .set("rootFsOptions", root.attrs());
      zpools.comment(topologyComment(poolName, pool))
          .set(List.of(poolName), zpool.attrs());
    }
    Bindings b = new Bindings();
    b.set(List.of("disko", "devices", "disk"), disks.attrs());
    b.set(List.of("disko", "devices", "zpool"), zpools.attrs());
    List<String> comment = new ArrayList<>();
    comment.addAll(Headers.wrap("The disks of this host's new pools, for disko to partition and format at the first"
        + " install (nixos-anywhere, or disko's destroy,format,mount mode): that ERASES every disk listed here."
        + " On a running system it only describes them; disko never formats anything on a switch."));
    comment.addAll(Headers.wrap("Datasets are not listed: the unit in datasets.nix creates and tunes them on every switch,"
        + " never destroying, so a dataset added to the spec later is created the same way."));
    return ctx.module("disko.nix", "hosts/module.nix.ftl", comment, b.build());
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
