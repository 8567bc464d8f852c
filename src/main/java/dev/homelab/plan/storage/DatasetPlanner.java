package dev.homelab.plan.storage;

import dev.homelab.model.Pool;
import dev.homelab.model.SnapshotPolicy;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Folder;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.Notice;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.backup.BackupPlanner;
import dev.homelab.plan.quote.Shell;
import dev.homelab.plan.service.ServicePlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code datasets.nix} (pool import, scrub, and the idempotent unit that creates and
 * tunes datasets, never destroying anything) and {@code snapshots.nix} (Sanoid templates
 * from the named policies, one entry per dataset that has a policy).
 */
public final class DatasetPlanner {

  public static final String UNIT = "homelab-datasets";

  /**
   * The shell function the unit runs per dataset; static text, the calls below it vary.
   *
   * <p>Why it checks and re-applies tmpfiles rules: at boot NixOS imports each pool
   * ({@code zfs-import-<pool>.service}, before {@code zfs-import.target}) and OpenZFS's
   * {@code zfs-mount.service} ({@code zfs mount -a}, after {@code zfs-import.target}, before
   * {@code local-fs.target}) mounts every dataset that exists, so {@code systemd-tmpfiles-setup}
   * (after {@code local-fs.target}) makes the modules' folders and links on the datasets. A
   * dataset this unit creates (the first switch, a dataset added later) is mounted only after
   * tmpfiles ran: its mountpoint may hold what the rules made on the root disk (empty folders,
   * links into the Nix store such as Nextcloud's {@code config/override.config.php}), which is
   * no data and is covered, and the rules are applied again under the new mount, where the
   * module expects them. Since OpenZFS 2.2 {@code zfs set mountpoint} mounts the dataset, so
   * properties are set with {@code zfs set -u} (and given to {@code zfs create -u} at once) and
   * the dataset is mounted only after the check; one still mounted at an old place (its own
   * or a parent's mountpoint changed, which {@code -u} leaves as it is) is unmounted first.
   * {@code zfs set -u} came with OpenZFS 2.2.0, which every NixOS release nixpkgs supports
   * ships or exceeds (nixpkgs removed the 2.1 series, the last without it, in December 2024).
   */
  private static final List<String> ENSURE = List.of(
      "set -eu",
      "# ensure DATASET OWNER MODE [PROPERTY=VALUE...]: create a missing dataset unmounted with its",
      "# properties; on an existing one set, without mounting, only those whose local value differs,",
      "# and unmount it if it is mounted elsewhere than its mountpoint. Refuse to cover a folder",
      "# holding data, mount, apply the tmpfiles rules under the mountpoint again (the mount hid what",
      "# they made), check it is mounted, and give its root to OWNER with MODE (- leaves either alone).",
      "ensure() {",
      "  name=$1",
      "  owner=$2",
      "  mode=$3",
      "  shift 3",
      "  if ! zfs list -H -o name \"$name\" >/dev/null 2>&1; then",
      "    opts=()",
      "    for prop in \"$@\"; do",
      "      opts+=(-o \"$prop\")",
      "    done",
      "    zfs create -u \"${opts[@]}\" \"$name\"",
      "  else",
      "    for prop in \"$@\"; do",
      "      key=${prop%%=*}",
      "      want=${prop#*=}",
      "      have=$(zfs get -H -o value -s local \"$key\" \"$name\")",
      "      [ \"$have\" = \"$want\" ] || zfs set -u \"$prop\" \"$name\"",
      "    done",
      "  fi",
      "  dir=$(zfs get -H -o value mountpoint \"$name\")",
      "  case $dir in none | legacy) return 0 ;; esac",
      "  # Mounted elsewhere (its mountpoint, or its parent's, changed): unmounted, fails while in use.",
      "  at=$(zfs mount | while read -r fs where; do [ \"$fs\" != \"$name\" ] || echo \"$where\"; done)",
      "  if [ -n \"$at\" ] && [ \"$at\" != \"$dir\" ]; then",
      "    zfs unmount \"$name\"",
      "  fi",
      "  if [ \"$(zfs get -H -o value mounted \"$name\")\" != yes ]; then",
      "    # Empty folders and links into the Nix store (what tmpfiles rules make) are no data;",
      "    # files, and links elsewhere, are.",
      "    if [ -d \"$dir\" ] && [ -n \"$(find \"$dir\" -mindepth 1 ! -type d ! -lname '/nix/store/*' -print -quit)\" ]; then",
      "      echo \"refusing to mount $name over $dir: it holds files\" >&2",
      "      exit 1",
      "    fi",
      "    zfs mount \"$name\"",
      "    # Exit codes 65 and 73 (a line it cannot read, a path it cannot make) are what",
      "    # systemd-tmpfiles-setup lets pass too.",
      "    rc=0",
      "    systemd-tmpfiles --create --prefix=\"$dir\" || rc=$?",
      "    case $rc in",
      "      0) ;;",
      "      65 | 73) echo \"some tmpfiles rules under $dir failed (exit $rc)\" >&2 ;;",
      "      *) exit \"$rc\" ;;",
      "    esac",
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

  /** HL0371: snapshot policies that no dataset of any host takes, directly or through its tier. */
  public static List<Notice> unusedPolicies(dev.homelab.model.Spec spec, java.util.Set<String> used) {
    List<Notice> out = new ArrayList<>();
    for (String name : spec.snapshots().keySet()) {
      if (!used.contains(name)) {
        out.add(new Notice("HL0371", "snapshots." + name, "snapshot policy `" + name + "` is taken by no dataset:"
            + " nothing is snapshotted by it", "name it in a tier (`snapshots: " + name + "`) or on a dataset, or"
            + " remove it; a tier's policy reaches only the datasets of its deployed services, and a service"
            + " without a `dataset:` keeps its state on the root disk, which Sanoid does not snapshot"));
      }
    }
    return out;
  }

  /**
   * A Sanoid template of a policy, every count written (Sanoid's built-in defaults would keep
   * snapshots a policy does not ask for); {@code autosnap} off where only pruning is wanted.
   */
  static NixValue sanoidTemplate(SnapshotPolicy p, boolean autosnap) {
    return new Bindings()
        .set("frequently", NixValue.integer(p.frequent()))
        .set("hourly", NixValue.integer(p.hourly()))
        .set("daily", NixValue.integer(p.daily()))
        .set("weekly", NixValue.integer(p.weekly()))
        .set("monthly", NixValue.integer(p.monthly()))
        .set("yearly", NixValue.integer(p.yearly()))
        .bool("autosnap", autosnap)
        .bool("autoprune", true)
        .attrs();
  }

  public static PlannedFile datasets(HostContext ctx) {
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
    List<Folder> folders = BackupPlanner.folders(ctx).stream()
        .filter(f -> ctx.datasets.isOnDataset(f.path())).toList();
    if (!folders.isEmpty()) {
      script.add("# Backup repositories' folders, owned by what writes them, once their datasets are mounted.");
      folders.forEach(f -> script.add(f.install()));
    }
    List<Folder> volumes = volumeFolders(ctx).stream()
        .filter(f -> folders.stream().noneMatch(b -> b.path().equals(f.path()))).toList();
    if (!volumes.isEmpty()) {
      script.add("# Container volumes' folders (podman refuses a missing one), once their datasets are mounted.");
      volumes.forEach(f -> script.add(f.install()));
    }
    // Pools that hold applied datasets, then new pools disko lays out (disko mounts none of
    // them itself: their root is canmount=off), so each is imported at boot.
    List<String> pools = new ArrayList<>(ctx.datasets.pools());
    DiskoPlanner.laidOut(ctx.host).keySet().stream().filter(p -> !pools.contains(p)).forEach(pools::add);
    List<String> imports = pools.stream().map(DatasetPlanner::importUnit).toList();
    List<String> after = new ArrayList<>(imports);
    after.add("zfs-mount.service");
    Bindings unit = new Bindings();
    unit.str("description", "Create, tune and check the ZFS datasets of homelab");
    unit.set("wantedBy", NixValue.strings(List.of("multi-user.target")));
    unit.comment("Its pools imported (it fails if one is not), and after zfs mount -a at boot.")
        .set("requires", NixValue.strings(imports));
    unit.set("after", NixValue.strings(after));
    unit.set("path", NixValue.list(List.of(new NixValue.Ref("config.boot.zfs.package"), new NixValue.Ref("config.systemd.package"),
        new NixValue.Ref("pkgs.coreutils"), new NixValue.Ref("pkgs.findutils"))));
    unit.set("serviceConfig", new Bindings().str("Type", "oneshot").bool("RemainAfterExit", true).attrs());
    unit.set("script", new NixValue.Text(script));
    unit.comment("A changed dataset list is applied by reloading, not restarting: services require this"
        + " unit, and a restart would restart every one of them.")
        .bool("reloadIfChanged", true);
    unit.set("reload", new NixValue.Ref("config.systemd.services." + UNIT + ".script"));

    Bindings b = new Bindings();
    b.set("boot.supportedFilesystems", NixValue.strings(List.of("zfs")));
    b.set("boot.zfs.extraPools", NixValue.strings(pools));
    b.bool("services.zfs.autoScrub.enable", true);
    if (hasUnit(ctx)) {
      b.set(List.of("systemd", "services", UNIT), unit.attrs());
      b.comment("A pool's import never runs again on a running system: restarting it (a new zfs package changes"
          + " its unit) would restart the datasets unit, which requires it, and every service with it.");
      for (String pool : pools) {
        b.set(List.of("systemd", "services", "zfs-import-" + pool, "restartIfChanged"), NixValue.bool(false));
      }
    }

    List<String> comment = new ArrayList<>();
    for (Map.Entry<String, Pool> pool : ctx.host.storage().entrySet()) {
      if (pool.getValue().existing()) {
        comment.addAll(Headers.wrap(pool.getKey() + " exists already (hosts." + ctx.name + ".storage." + pool.getKey()
            + ".existing): it is imported, never formatted. Last imported by another machine (another hostId) and not"
            + " exported there, it is not imported at boot: run `zpool import -f " + pool.getKey() + "` once, then"
            + " reboot."));
      } else if (pool.getValue().isLaidOut()) {
        comment.addAll(Headers.wrap(pool.getKey() + " is new: disko.nix lays it out on its devices at the first install;"
            + " from then on it is imported like any pool."));
      }
    }
    comment.addAll(Headers.wrap("Datasets are created and tuned here, never destroyed; services that use them require"
        + " this unit, so they never start on the root disk's empty directories."));
    return ctx.module("datasets.nix", "hosts/module.nix.ftl", comment, b.build());
  }

  /** {@code wants} and {@code after} the datasets unit: for units that work on datasets but need not all of them. */
  static Bindings ordering() {
    return new Bindings()
        .set("wants", NixValue.strings(List.of(UNIT + ".service")))
        .set("after", NixValue.strings(List.of(UNIT + ".service")));
  }

  /** True when the host has the datasets unit: it applies datasets, or sets a pool property. */
  static boolean hasUnit(HostContext ctx) {
    return !ctx.datasets.isEmpty() || !poolProperties(ctx).isEmpty();
  }

  /** The unit NixOS's zfs module imports a data pool with (nixos/modules/tasks/filesystems/zfs.nix). */
  static String importUnit(String pool) {
    return "zfs-import-" + pool + ".service";
  }

  /** The folders of deployed services' container volumes that lie on datasets, by path. */
  private static List<Folder> volumeFolders(HostContext ctx) {
    ServicePlanner planner = new ServicePlanner(ctx);
    Map<String, Folder> out = new LinkedHashMap<>();
    for (var s : ctx.services) {
      planner.volumeFolders(s).stream().filter(f -> ctx.datasets.isOnDataset(f.path())).forEach(f -> out.putIfAbsent(f.path(), f));
    }
    return List.copyOf(out.values());
  }

  /** Null when no applied dataset has a snapshot policy. */
  public static PlannedFile snapshots(HostContext ctx) {
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
      templates.set(List.of(e.getKey()), sanoidTemplate(p, true));
    }
    Bindings sanoid = new Bindings();
    sanoid.bool("enable", true);
    if (frequent) {
      sanoid.comment("Frequent snapshots are taken every 15 minutes, so Sanoid runs that often.")
          .str("interval", "*:0/15");
    }
    sanoid.set("templates", templates.attrs());
    sanoid.set("datasets", datasets.attrs());
    Bindings b = new Bindings().set("services.sanoid", sanoid.attrs());
    b.comment("Sanoid snapshots datasets the datasets unit creates: it runs after it. Wanted, not required: a dataset"
            + " the unit refuses to mount must not stop the snapshots of all the others.")
        .set(List.of("systemd", "services", "sanoid"), ordering().attrs());
    return ctx.module("snapshots.nix", "hosts/module.nix.ftl",
        Headers.wrap("Snapshots by Sanoid: one template per snapshot policy of the spec, applied to each dataset"
            + " that names one; datasets without a policy (caches, derived data) are not snapshotted."),
        b.build());
  }
}
