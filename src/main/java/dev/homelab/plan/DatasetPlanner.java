package dev.homelab.plan;

import dev.homelab.plan.quote.Shell;
import dev.homelab.model.Pool;
import dev.homelab.model.SnapshotPolicy;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code datasets.nix} (pool import, scrub, and the idempotent unit that creates and
 * tunes datasets, never destroying anything) and {@code snapshots.nix} (Sanoid templates
 * from the named policies, one entry per dataset that has a policy).
 */
final class DatasetPlanner {

  static final String UNIT = "homelab-datasets";

  /** The shell function the unit runs per dataset; static text, the calls below it vary. */
  private static final List<String> ENSURE = List.of(
      "set -eu",
      "# ensure DATASET OWNER MODE [PROPERTY=VALUE...]: create unmounted if missing, set only",
      "# the properties whose local value differs, refuse to cover a folder holding files, mount,",
      "# check it is mounted, and give its root to OWNER with MODE (- leaves either alone).",
      "ensure() {",
      "  name=$1",
      "  owner=$2",
      "  mode=$3",
      "  shift 3",
      "  if ! zfs list -H -o name \"$name\" >/dev/null 2>&1; then",
      "    zfs create -u \"$name\"",
      "  fi",
      "  for prop in \"$@\"; do",
      "    key=${prop%%=*}",
      "    want=${prop#*=}",
      "    have=$(zfs get -H -o value -s local \"$key\" \"$name\")",
      "    [ \"$have\" = \"$want\" ] || zfs set \"$prop\" \"$name\"",
      "  done",
      "  dir=$(zfs get -H -o value mountpoint \"$name\")",
      "  case $dir in none | legacy) return 0 ;; esac",
      "  if [ \"$(zfs get -H -o value mounted \"$name\")\" != yes ]; then",
      "    # Empty folders (made by a module's tmpfiles rules) are no data; files are.",
      "    if [ -d \"$dir\" ] && [ -n \"$(find \"$dir\" -mindepth 1 ! -type d -print -quit)\" ]; then",
      "      echo \"refusing to mount $name over $dir: it holds files\" >&2",
      "      exit 1",
      "    fi",
      "    zfs mount \"$name\"",
      "  fi",
      "  if [ \"$(zfs get -H -o value mounted \"$name\")\" != yes ]; then",
      "    echo \"$name is not mounted\" >&2",
      "    exit 1",
      "  fi",
      "  [ \"$owner\" = - ] || chown \"$owner\" \"$dir\"",
      "  [ \"$mode\" = - ] || chmod \"$mode\" \"$dir\"",
      "}");

  /** The shell function that sets a pool property only when it differs; added when a pool has one. */
  private static final List<String> POOL_PROP = List.of(
      "# pool_prop POOL PROPERTY VALUE: set a pool property only when its value differs.",
      "pool_prop() {",
      "  have=$(zpool get -H -o value \"$2\" \"$1\")",
      "  [ \"$have\" = \"$3\" ] || zpool set \"$2=$3\" \"$1\"",
      "}");

  private DatasetPlanner() {}

  /** {@code pool_prop} calls for the imported pools of this host whose spec sets {@code autotrim}. */
  private static List<String> poolProperties(HostContext ctx) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Pool> pool : ctx.host.storage().entrySet()) {
      Boolean autotrim = pool.getValue().autotrim();
      boolean imported = ctx.datasets.pools().contains(pool.getKey()) || DiskoPlanner.laidOut(ctx.host).containsKey(pool.getKey());
      if (autotrim != null && imported) {
        out.add("pool_prop " + Shell.word(pool.getKey()) + " autotrim " + (autotrim ? "on" : "off"));
      }
    }
    return out;
  }

  static PlannedFile datasets(HostContext ctx) {
    List<String> script = new ArrayList<>(ENSURE);
    if (ctx.datasets.all().stream().anyMatch(d -> d.mountpoint() != null && d.mountpoint().startsWith("/var/lib/private/"))) {
      // State of systemd dynamic users: the folder systemd would make 0700, made before a
      // mount would make it 0755.
      script.add("install -d -m 0700 /var/lib/private");
    }
    List<String> poolProps = poolProperties(ctx);
    if (!poolProps.isEmpty()) {
      script.addAll(POOL_PROP);
      // autotrim where the spec says so; left as it is where it says nothing.
      script.addAll(poolProps);
    }
    for (PlannedDataset d : ctx.datasets.all()) {
      d.notes().forEach(n -> script.add("# " + d.name() + ": " + n));
      StringBuilder line = new StringBuilder("ensure ").append(Shell.word(d.name())).append(' ').append(Shell.word(d.owner()))
          .append(' ').append(Shell.word(d.mode()));
      for (String p : d.properties()) {
        line.append(' ').append(Shell.word(p));
      }
      script.add(line.toString());
    }
    List<BackupPlanner.Folder> folders = BackupPlanner.folders(ctx).stream()
        .filter(f -> ctx.datasets.isOnDataset(f.path())).toList();
    if (!folders.isEmpty()) {
      script.add("# Backup repositories' folders, owned by what writes them, once their datasets are mounted.");
      folders.forEach(f -> script.add(f.install()));
    }
    Bindings unit = new Bindings();
    unit.str("description", "Create, tune and check the ZFS datasets of homelab");
    unit.set("wantedBy", NixValue.strings(List.of("multi-user.target")));
    unit.set("after", NixValue.strings(List.of("zfs-import.target")));
    unit.set("path", NixValue.list(List.of(
        new NixValue.Ref("config.boot.zfs.package"), new NixValue.Ref("pkgs.coreutils"), new NixValue.Ref("pkgs.findutils"))));
    unit.set("serviceConfig", new Bindings().str("Type", "oneshot").bool("RemainAfterExit", true).attrs());
    unit.set("script", new NixValue.Text(script));
    unit.comment("A changed dataset list is applied by reloading, not restarting: services require this"
        + " unit, and a restart would restart every one of them.")
        .bool("reloadIfChanged", true);
    unit.set("reload", new NixValue.Ref("config.systemd.services." + UNIT + ".script"));

    Bindings b = new Bindings();
    b.set("boot.supportedFilesystems", NixValue.strings(List.of("zfs")));
    // Pools that hold applied datasets, then new pools disko lays out (disko mounts none of
    // them itself: their root is canmount=off), so each is imported at boot.
    List<String> pools = new ArrayList<>(ctx.datasets.pools());
    DiskoPlanner.laidOut(ctx.host).keySet().stream().filter(p -> !pools.contains(p)).forEach(pools::add);
    b.set("boot.zfs.extraPools", NixValue.strings(pools));
    b.bool("services.zfs.autoScrub.enable", true);
    if (!ctx.datasets.isEmpty() || !poolProps.isEmpty()) {
      b.set(List.of("systemd", "services", UNIT), unit.attrs());
    }

    List<String> comment = new ArrayList<>();
    for (Map.Entry<String, Pool> pool : ctx.host.storage().entrySet()) {
      if (pool.getValue().existing()) {
        comment.addAll(Headers.wrap(pool.getKey() + " exists already (hosts." + ctx.name + ".storage." + pool.getKey()
            + ".existing): it is imported, never formatted."));
      } else if (pool.getValue().isLaidOut()) {
        comment.addAll(Headers.wrap(pool.getKey() + " is new: disko.nix lays it out on its devices at the first install;"
            + " from then on it is imported like any pool."));
      }
    }
    comment.addAll(Headers.wrap("Datasets are created and tuned here, never destroyed; services that use them require"
        + " this unit, so they never start on the root disk's empty directories."));
    return ctx.module("datasets.nix", "hosts/module.nix.ftl", comment, b.build());
  }

  /** Null when no applied dataset has a snapshot policy. */
  static PlannedFile snapshots(HostContext ctx) {
    Map<String, SnapshotPolicy> used = new LinkedHashMap<>();
    Bindings datasets = new Bindings();
    for (PlannedDataset d : ctx.datasets.all()) {
      SnapshotPolicy p = ctx.spec.snapshots().get(d.policy());
      if (p == null || p.keepsNothing()) {
        continue;
      }
      used.put(d.policy(), p);
      datasets.set(List.of(d.name(), "useTemplate"), NixValue.strings(List.of(d.policy())));
    }
    if (used.isEmpty()) {
      return null;
    }
    Bindings templates = new Bindings();
    boolean frequent = false;
    for (Map.Entry<String, SnapshotPolicy> e : new java.util.TreeMap<>(used).entrySet()) {
      SnapshotPolicy p = e.getValue();
      frequent |= p.frequent() > 0;
      // Every count is written: Sanoid's built-in defaults would otherwise keep 48 hourly,
      // 90 daily and 6 monthly snapshots of a policy that asks for none.
      templates.set(List.of(e.getKey()), new Bindings()
          .set("frequently", NixValue.integer(p.frequent()))
          .set("hourly", NixValue.integer(p.hourly()))
          .set("daily", NixValue.integer(p.daily()))
          .set("weekly", NixValue.integer(p.weekly()))
          .set("monthly", NixValue.integer(p.monthly()))
          .set("yearly", NixValue.integer(p.yearly()))
          .bool("autosnap", true)
          .bool("autoprune", true)
          .attrs());
    }
    Bindings sanoid = new Bindings();
    sanoid.bool("enable", true);
    if (frequent) {
      sanoid.comment("Frequent snapshots are taken every 15 minutes, so Sanoid runs that often.")
          .str("interval", "*:0/15");
    }
    sanoid.set("templates", templates.attrs());
    sanoid.set("datasets", datasets.attrs());
    return ctx.module("snapshots.nix", "hosts/module.nix.ftl",
        Headers.wrap("Snapshots by Sanoid: one template per snapshot policy of the spec, applied to each dataset"
            + " that names one; datasets without a policy (caches, derived data) are not snapshotted."),
        new Bindings().set("services.sanoid", sanoid.attrs()).build());
  }
}
