package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Impermanence;
import dev.homelab.model.Paths;
import dev.homelab.model.ZfsRoot;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HL0491: on a ZFS root, what must survive a reboot is on a persistent dataset: the
 * {@code persist} path is the mountpoint of one of {@code impermanence.zfs.datasets} (the
 * impermanence module bind-mounts from it, mounted in the initrd), and {@code /nix} lies on
 * one (the store on the rolled-back root would be gone at the next boot, and the system with
 * it). No two of the datasets mount at one place.
 */
public final class ZfsRootPersistence implements Rule {

  @Override
  public String id() {
    return "HL0491";
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
      String datasetsPath = SourceMap.child(zfsPath, "datasets");
      boolean given = zfs.datasets() != null && ctx.sources().has(datasetsPath);
      String where = given ? datasetsPath : zfsPath;
      Map<String, String> persistent = zfs.persistent(imp.persist());
      Map<String, String> byMount = new LinkedHashMap<>();
      persistent.forEach((name, mp) -> {
        String other = byMount.putIfAbsent(mp, name);
        if (other != null) {
          ctx.errorAtKey(SourceMap.child(datasetsPath, name), "`" + name + "` and `" + other + "` both mount at " + mp,
              "give each dataset of the root a mountpoint of its own");
        }
      });
      if (!persistent.containsValue(imp.persist())) {
        String message = "`persist: " + imp.persist() + "` is not the mountpoint of a persistent dataset of the ZFS root:"
                + " what is kept there would be rolled back with / at every boot";
        String hint = "add `" + ("safe/persist") + ": " + imp.persist() + "` to hosts." + hostName + ".impermanence.zfs.datasets,"
                + " or set `persist` to the mountpoint of one of them";
        if (ctx.sources().has(SourceMap.child(impPath, "persist"))) {
          ctx.error(SourceMap.child(impPath, "persist"), message, hint);
        } else {
          ctx.errorAtKey(where, message, hint);
        }
      }
      if (persistent.values().stream().noneMatch(mp -> Paths.isAtOrBelow("/nix", mp))) {
        ctx.errorAtKey(where, "/nix is on no persistent dataset of the ZFS root: the Nix store, and the system in it,"
                + " would be rolled back with / at every boot",
            "add `local/nix: /nix` to hosts." + hostName + ".impermanence.zfs.datasets");
      }
    });
  }
}
