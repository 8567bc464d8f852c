package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Dataset;
import dev.homelab.model.Pool;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HL0322: two datasets of a host mount at the same place. Mountpoints are taken as the
 * output derives them (plan's {@code DatasetLayout}): the spec's {@code mountpoint}, else the
 * state directory of the service that names the dataset, else the parent's mountpoint plus
 * the name ({@code /<pool>/<name>} at the top); {@code none} mounts nowhere. Services of
 * switched-off tiers count too: their datasets clash as soon as the tier is switched on.
 */
public final class MountpointClash implements Rule {

  @Override
  public String id() {
    return "HL0322";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      List<EffectiveService> services = ctx.services(hostName, host);
      // full name -> (spec path, dataset), sorted so parents come before children
      Map<String, Map.Entry<String, Dataset>> datasets = new TreeMap<>();
      for (Map.Entry<String, Pool> p : host.storage().entrySet()) {
        String poolPath = SourceMap.path("hosts", hostName, "storage", p.getKey());
        p.getValue().datasets().forEach((name, d) ->
            datasets.put(p.getKey() + "/" + name, Map.entry(SourceMap.path(poolPath, "datasets", name), d)));
      }
      Map<String, String> mounts = new LinkedHashMap<>();
      Map<String, String> byMountpoint = new LinkedHashMap<>();
      datasets.forEach((full, e) -> {
        Dataset d = e.getValue();
        String mountpoint = mountpoint(full, d, services, mounts);
        mounts.put(full, mountpoint);
        if (mountpoint == null) {
          return;
        }
        String other = byMountpoint.putIfAbsent(mountpoint, full);
        if (other != null) {
          String at = d.mountpoint() != null ? SourceMap.child(e.getKey(), "mountpoint") : e.getKey();
          String message = "datasets `" + other + "` and `" + full + "` both mount at " + mountpoint;
          String hint = "give one of them another `mountpoint` (or `none`); a service's dataset mounts at the service's state directory";
          if (d.mountpoint() != null) {
            ctx.error(at, message, hint);
          } else {
            ctx.errorAtKey(at, message, hint);
          }
        }
      });
    });
  }

  /** Where each dataset of a host mounts (those that mount), as the output derives it. */
  static List<String> mountpoints(RuleContext ctx, String hostName, dev.homelab.model.Host host) {
    List<EffectiveService> services = ctx.services(hostName, host);
    Map<String, Dataset> datasets = new TreeMap<>();
    host.storage().forEach((pool, p) -> p.datasets().forEach((name, d) -> datasets.put(pool + "/" + name, d)));
    Map<String, String> mounts = new LinkedHashMap<>();
    datasets.forEach((full, d) -> mounts.put(full, mountpoint(full, d, services, mounts)));
    return mounts.values().stream().filter(java.util.Objects::nonNull).toList();
  }

  private static String mountpoint(String full, Dataset d, List<EffectiveService> services, Map<String, String> mounts) {
    if (d.mountpoint() != null) {
      String written = d.mountpoint().length() > 1 && d.mountpoint().endsWith("/")
          ? d.mountpoint().substring(0, d.mountpoint().length() - 1) : d.mountpoint();
      return "none".equals(written) ? null : written;
    }
    for (EffectiveService s : services) {
      if (full.equals(s.spec().dataset()) && s.descriptor().stateDir() != null) {
        return s.descriptor().stateDir();
      }
    }
    String parent = full.substring(0, full.lastIndexOf('/'));
    String parentMount = parent.contains("/") ? mounts.get(parent) : "/" + parent;
    return parentMount == null ? null : parentMount + "/" + full.substring(parent.length() + 1);
  }
}
