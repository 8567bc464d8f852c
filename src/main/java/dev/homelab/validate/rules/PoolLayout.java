package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Pool;
import dev.homelab.model.Topology;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HL0321: a new pool can be laid out: it lists its devices, each by a stable
 * {@code /dev/disk/by-id/} path, none twice and none in two pools, as many as its topology
 * takes (single: one; mirror: two or more; raidz1: three; raidz2: four). Layout keys on an
 * existing pool are warned about: it is imported, never laid out.
 */
public final class PoolLayout implements Rule {

  static final Pattern BY_ID = Pattern.compile("/dev/disk/by-id/[A-Za-z0-9][A-Za-z0-9._:+@-]*");
  /** Keys that only lay out a new pool; {@code autotrim} is applied to an existing pool too. */
  private static final List<String> LAYOUT_KEYS = List.of("devices", "topology", "ashift");

  @Override
  public String id() {
    return "HL0321";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      // device -> the pool that lists it first, across the host's pools
      Map<String, String> owner = new HashMap<>();
      for (Map.Entry<String, Pool> p : host.storage().entrySet()) {
        Pool pool = p.getValue();
        String poolPath = SourceMap.path("hosts", hostName, "storage", p.getKey());
        if (pool.existing()) {
          LAYOUT_KEYS.stream().map(k -> SourceMap.child(poolPath, k)).filter(ctx.sources()::has).findFirst().ifPresent(path ->
              ctx.warningAtKey(path, "pool `" + p.getKey() + "` exists already: its `" + path.substring(poolPath.length() + 1)
                  + "` is not used (an existing pool is imported, never laid out)",
                  "remove the layout keys, or say `existing: false` to have disko create the pool at the first install (it erases the devices)"));
          continue;
        }
        if (pool.devices().isEmpty()) {
          ctx.error(SourceMap.child(poolPath, "existing"), "pool `" + p.getKey() + "` is new (`existing: false`) but lists no devices to lay it out on",
              "list its disks under `devices:` by their /dev/disk/by-id/ path (`ls -l /dev/disk/by-id/`), or say `existing: true` if the pool is there already");
          continue;
        }
        for (int i = 0; i < pool.devices().size(); i++) {
          String device = pool.devices().get(i);
          String path = SourceMap.child(poolPath, "devices") + "[" + i + "]";
          if (!BY_ID.matcher(device).matches()) {
            ctx.error(path, "`" + device + "` is not a /dev/disk/by-id/ path",
                "names such as /dev/sda can change between boots and would format the wrong disk: use the disk's name under /dev/disk/by-id/ (`ls -l /dev/disk/by-id/`)");
            continue;
          }
          String first = owner.putIfAbsent(device, p.getKey());
          if (first != null) {
            ctx.error(path, first.equals(p.getKey()) ? "`" + device + "` is listed twice in pool `" + p.getKey() + "`"
                : "`" + device + "` is a device of pool `" + first + "` already", "a disk belongs to one pool, once: remove it here");
          }
        }
        int n = (int) pool.devices().stream().distinct().count();
        Topology t = pool.topology();
        boolean fits = t == Topology.SINGLE ? n == 1 : n >= t.minDevices();
        if (!fits) {
          String where = ctx.sources().has(SourceMap.child(poolPath, "topology")) ? "topology" : "devices";
          ctx.error(SourceMap.child(poolPath, where), "pool `" + p.getKey() + "` is " + t.wire() + " but lists " + n + " device"
              + (n == 1 ? "" : "s") + "; " + t.wire() + (t == Topology.SINGLE ? " takes exactly one" : " takes at least " + t.minDevices()),
              t == Topology.SINGLE ? "for several disks say `topology: mirror` (or raidz1, raidz2): a stripe loses everything with one disk"
                  : "add devices, or make it `" + (n >= 3 ? "raidz1" : n == 2 ? "mirror" : "single") + "` over these " + n);
        }
      }
    });
  }
}
