package dev.homelab.plan.storage;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.BtrfsRoot;
import dev.homelab.model.Host;
import dev.homelab.model.Impermanence;
import dev.homelab.model.Paths;
import dev.homelab.model.TlsMode;
import dev.homelab.model.ZfsRoot;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixData;
import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Folder;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.quote.Shell;
import dev.homelab.plan.quote.Systemd;
import dev.homelab.plan.service.ServicePlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code impermanence.nix} for a host with an ephemeral root: what survives a reboot
 * under {@code persist} (the impermanence module's {@code environment.persistence}). The
 * system's own state (users and ids, systemd, logs, machine id, SSH host keys), each
 * deployed service's state directory from the catalog, PostgreSQL's cluster, the proxy's
 * and Tailscale's state. A directory on a ZFS dataset survives on its own and gets no entry.
 * With a BTRFS root ({@code impermanence.btrfs}) it also plans the rollback: in the initrd,
 * before the root is mounted, the old root subvolume is moved to {@code old_roots/}, old roots
 * past their days are deleted, and an empty {@code @} is created; as a script of the scripted
 * initrd or as a unit of systemd's, whichever the host boots with.
 */
public final class ImpermanencePlanner {

  /** The system's own state, always kept. */
  static final List<String> SYSTEM_DIRECTORIES = List.of("/var/lib/nixos", "/var/lib/systemd", "/var/log");

  /** The machine id and the SSH host keys (sops-nix decrypts with the ed25519 one). */
  public static final List<String> SYSTEM_FILES = List.of("/etc/machine-id", "/etc/ssh/ssh_host_ed25519_key",
      "/etc/ssh/ssh_host_ed25519_key.pub", "/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_rsa_key.pub");

  /**
   * State of NixOS features a host turns on in its own {@code nixos:} block, or its role turns
   * on by default: when the option (an attribute path) is {@code true}, the directory is kept. Bluetooth pairings, and
   * NetworkManager's saved connections (Wi-Fi passwords, VPNs).
   */
  static final Map<List<String>, String> FEATURE_STATE = featureState();

  private static Map<List<String>, String> featureState() {
    Map<List<String>, String> m = new LinkedHashMap<>();
    m.put(List.of("hardware", "bluetooth", "enable"), "/var/lib/bluetooth");
    m.put(List.of("networking", "networkmanager", "enable"), "/etc/NetworkManager/system-connections");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * True when the host's {@code nixos:} mapping sets the option at {@code path} to true (dotted
   * keys or nested), or leaves it to its role's defaults and they turn it on.
   */
  static boolean turnsOn(HostContext ctx, List<String> path) {
    if (!dev.homelab.plan.host.RolePlanner.ownSets(ctx.host, path)) {
      return dev.homelab.plan.host.RolePlanner.turnsOn(ctx.host, path);
    }
    return OptionLeaf.flatten(NixData.bindings(ctx.host.nixos())).stream()
        .anyMatch(l -> l.path().equals(path) && l.value() instanceof NixValue.Bool b && b.value());
  }

  /** The initrd unit that replaces the root subvolume when the initrd runs systemd. */
  static final String ROLLBACK_UNIT = "homelab-rollback";

  /** systemd's resume from hibernation in the initrd (systemd 255 and later; NixOS ships it). */
  static final String HIBERNATE_RESUME_UNIT = "systemd-hibernate-resume.service";

  private static final NixValue.Ref SYSTEMD_INITRD = new NixValue.Ref("config.boot.initrd.systemd.enable");

  private ImpermanencePlanner() {}

  /**
   * The rollback script: POSIX shell that runs under the scripted initrd's busybox ash (inline
   * in stage 1, where it must never exit) and under bash with {@code -e} in systemd's (a unit's
   * {@code script}). The new {@code @} is created right after the old one is moved aside,
   * before anything is deleted, and no deletion can fail the script: a root that cannot be
   * pruned stays until the next boot, and the root mounts either way. Nothing in it comes
   * from spec text: the device is fixed by the layout, the days are a number.
   */
  static List<String> rollbackScript(BtrfsRoot root) {
    List<String> l = new ArrayList<>();
    l.add("# Replace the root subvolume @ by an empty one; the previous root is kept under old_roots/.");
    l.add("delete_subvolume_recursively() {");
    l.add("  btrfs subvolume list -o \"$1\" | cut -f 9- -d ' ' | while IFS= read -r sub; do");
    l.add("    delete_subvolume_recursively \"$mnt/$sub\" || echo \"homelab-rollback: could not delete $mnt/$sub\" >&2");
    l.add("  done");
    l.add("  btrfs subvolume delete \"$1\"");
    l.add("}");
    l.add("");
    l.add("mnt=$(mktemp -d)");
    l.add("if mount -t btrfs -o subvolid=5 " + Shell.word(DiskoPlanner.btrfsDevice(root)) + " \"$mnt\"; then");
    l.add("  retired=");
    l.add("  if [ -e \"$mnt/@\" ]; then");
    l.add("    # Named and dated by the time it is retired, not by its last change.");
    l.add("    mkdir -p \"$mnt/old_roots\"");
    l.add("    retired=$(date +%Y-%m-%d_%H:%M:%S)");
    l.add("    n=0");
    l.add("    while [ -e \"$mnt/old_roots/$retired\" ]; do");
    l.add("      n=$((n + 1))");
    l.add("      retired=$(date +%Y-%m-%d_%H:%M:%S)-$n");
    l.add("    done");
    l.add("    mv \"$mnt/@\" \"$mnt/old_roots/$retired\"");
    l.add("  fi");
    l.add("  btrfs subvolume create \"$mnt/@\"");
    l.add("  if [ -n \"$retired\" ]; then");
    l.add("    touch \"$mnt/old_roots/$retired\" || true");
    l.add("  fi");
    l.add("");
    if (root.keepOldRoots() == 0) {
      l.add("  # keepOldRoots is 0: no previous root is kept, not even the one just retired.");
      l.add("  for old in \"$mnt\"/old_roots/*; do");
      l.add("    [ -e \"$old\" ] || continue");
      l.add("    delete_subvolume_recursively \"$old\" || echo \"homelab-rollback: could not delete $old\" >&2");
      l.add("  done");
    } else {
      l.add("  # Previous roots are kept " + root.keepOldRoots() + " days (keepOldRoots) after they were retired;");
      l.add("  # the one just retired always stays.");
      l.add("  now=$(date +%s)");
      l.add("  for old in \"$mnt\"/old_roots/*; do");
      l.add("    [ -e \"$old\" ] || continue");
      l.add("    [ \"$old\" != \"$mnt/old_roots/$retired\" ] || continue");
      l.add("    retiredAt=$(stat -c %Y \"$old\") || continue");
      l.add("    if [ $((now - retiredAt)) -gt " + (root.keepOldRoots() * 86400L) + " ]; then");
      l.add("      delete_subvolume_recursively \"$old\" || echo \"homelab-rollback: could not delete $old\" >&2");
      l.add("    fi");
      l.add("  done");
    }
    l.add("");
    l.add("  umount \"$mnt\"");
    l.add("fi");
    l.add("rmdir \"$mnt\"");
    return l;
  }

  /** The name the rollback script is bound to once, for both initrd variants. */
  static final String ROLLBACK_SCRIPT = "rollback";

  private static List<Binding> rollbackLet(BtrfsRoot root) {
    return List.of(Binding.of(List.of(ROLLBACK_SCRIPT), new NixValue.Text(rollbackScript(root))));
  }

  private static void rollback(Bindings b, HostContext ctx, BtrfsRoot root) {
    NixValue script = new NixValue.Ref(ROLLBACK_SCRIPT);
    String device = DiskoPlanner.btrfsDevice(root);
    b.comment(List.of("The root is wiped at every boot, after " + (root.encrypt() ? "LUKS is opened" : "its device appears")
            + " and before it is mounted. The scripted", "initrd runs this after resuming from hibernation (never before: the hibernated system is on @)."))
        .set(List.of("boot", "initrd", "postResumeCommands"), new NixValue.MkIf(SYSTEMD_INITRD, true, script));
    String unit = Systemd.deviceUnit(device);
    b.comment("The same script as a unit, when the initrd runs systemd (which refuses postResumeCommands).")
        .set(List.of("boot", "initrd", "systemd", "services", ROLLBACK_UNIT), new NixValue.MkIf(SYSTEMD_INITRD, false, new Bindings()
            .str("description", "Replace the BTRFS root subvolume by an empty one")
            .set("wantedBy", NixValue.strings(List.of("initrd.target")))
            .set("requires", NixValue.strings(List.of(unit)))
            .comment("After a resume from hibernation was tried: the hibernated system is on @.")
            .set("after", NixValue.strings(List.of(unit, HIBERNATE_RESUME_UNIT)))
            .set("before", NixValue.strings(List.of("sysroot.mount")))
            .str("unitConfig.DefaultDependencies", "no")
            .str("serviceConfig.Type", "oneshot")
            .set("script", script)
            .attrs()));
  }

  /** The ZFS root of the host, or null. */
  public static ZfsRoot zfsRoot(Host host) {
    return host.impermanence() == null ? null : host.impermanence().zfs();
  }

  /**
   * True when a directory lies on a file system that survives a reboot by itself: a ZFS
   * dataset of the host's pools, or a persistent dataset of its ZFS root other than the
   * persist path's (the store, the logs).
   */
  static boolean survives(HostContext ctx, String dir) {
    return ctx.datasets.isOnDataset(dir) || onPersistentRootDataset(ctx, dir);
  }

  /** True when the directory is at or below a mountpoint of the ZFS root's persistent datasets, the persist path's aside. */
  static boolean onPersistentRootDataset(HostContext ctx, String dir) {
    ZfsRoot zfs = zfsRoot(ctx.host);
    if (zfs == null) {
      return false;
    }
    String persist = ctx.host.impermanence().persist();
    return zfs.persistent(persist).values().stream()
        .anyMatch(mp -> !mp.equals(persist) && Paths.isAtOrBelow(dir, mp));
  }

  /** The rollback of a ZFS root, run in the initrd once the pool is imported: one command. */
  static List<String> zfsRollbackScript(ZfsRoot zfs) {
    return List.of("# Roll the root dataset back to its empty snapshot: what the last boot wrote on / is gone.",
        "zfs rollback -r " + Shell.word(zfs.blankSnapshot()));
  }

  /** The rollback of a ZFS root ordered after the other commands of the scripted initrd, the pool's import among them. */
  static final String AFTER_IMPORT = "afterImport";

  /** The unit of systemd's initrd that imports the pool, as NixOS's ZFS module names it. */
  static String importUnit(ZfsRoot zfs) {
    return "zfs-import-" + zfs.pool() + ".service";
  }

  private static void zfsRollback(Bindings b, ZfsRoot zfs) {
    NixValue script = new NixValue.Ref(ROLLBACK_SCRIPT);
    b.comment("The root is rolled back at every boot, after the pool is imported and before / is mounted.")
        .set(List.of("boot", "initrd", "postResumeCommands"),
            new NixValue.MkIf(SYSTEMD_INITRD, true, new NixValue.Ref(AFTER_IMPORT)));
    b.comment("The same as a unit, when the initrd runs systemd (which refuses postResumeCommands).")
        .set(List.of("boot", "initrd", "systemd", "services", ROLLBACK_UNIT), new NixValue.MkIf(SYSTEMD_INITRD, false, new Bindings()
            .str("description", "Roll the ZFS root back to its empty snapshot")
            .set("wantedBy", NixValue.strings(List.of("initrd.target")))
            .set("requires", NixValue.strings(List.of(importUnit(zfs))))
            .set("after", NixValue.strings(List.of(importUnit(zfs))))
            .set("before", NixValue.strings(List.of("sysroot.mount")))
            .str("unitConfig.DefaultDependencies", "no")
            .str("serviceConfig.Type", "oneshot")
            .set("script", script)
            .attrs()));
  }

  /**
   * The file systems of a ZFS root whose pool disko does not lay out (it exists already): the
   * root dataset at {@code /} and each persistent dataset at its mountpoint, by their legacy
   * mountpoints. With a device, disko.nix declares them.
   */
  private static void zfsFileSystems(Bindings b, HostContext ctx, ZfsRoot zfs) {
    Bindings fs = new Bindings();
    fs.set(List.of("/"), new Bindings().str("device", zfs.rootDataset()).str("fsType", "zfs").attrs());
    String persist = ctx.host.impermanence().persist();
    zfs.persistent(persist).forEach((name, mp) -> {
      Bindings one = new Bindings().str("device", zfs.pool() + "/" + name).str("fsType", "zfs");
      if (mp.equals(persist)) {
        one.comment("Mounted in the initrd, before anything is bind-mounted from it.").bool("neededForBoot", true);
      }
      fs.set(List.of(mp), one.attrs());
    });
    b.comment(List.of("The datasets of the root pool " + zfs.pool() + " (it exists already; mountpoint=legacy on each):",
            zfs.rootDataset() + " at /, rolled back at every boot, and the datasets that keep their content."))
        .set("fileSystems", fs.attrs());
  }

  /** A directory to keep, with its owner when a service's user owns it (null: root). */
  public record Kept(String directory, String user, String group, String mode) {}

  /** The directories kept under {@code persist}, in order, none on a dataset. */
  public static List<Kept> directories(HostContext ctx) {
    Map<String, Kept> out = new LinkedHashMap<>();
    SYSTEM_DIRECTORIES.stream().filter(d -> !onPersistentRootDataset(ctx, d)).forEach(d -> out.put(d, new Kept(d, null, null, null)));
    FEATURE_STATE.forEach((option, dir) -> {
      if (turnsOn(ctx, option) && !survives(ctx, dir)) {
        out.putIfAbsent(dir, new Kept(dir, null, null, null));
      }
    });
    boolean privateState = false;
    for (EffectiveService s : ctx.services) {
      String dir = ctx.datasets.dataDir(s);
      if (dir == null || survives(ctx, dir)) {
        continue;
      }
      if (dir.startsWith("/var/lib/private/")) {
        // State of systemd dynamic users: kept whole, 0700 as systemd wants it.
        privateState = true;
        continue;
      }
      String user = s.descriptor().user();
      String group = s.descriptor().group() != null ? s.descriptor().group() : user;
      out.putIfAbsent(dir, new Kept(dir, user, group, null));
    }
    if (privateState && !survives(ctx, "/var/lib/private")) {
      out.put("/var/lib/private", new Kept("/var/lib/private", null, null, "0700"));
    }
    boolean postgres = ctx.services.stream().anyMatch(s -> "postgresql".equals(s.descriptor().database()));
    if (postgres && !survives(ctx, "/var/lib/postgresql")) {
      out.putIfAbsent("/var/lib/postgresql", new Kept("/var/lib/postgresql", "postgres", "postgres", null));
    }
    var proxy = ctx.host.network().proxy();
    if (ctx.services.stream().anyMatch(EffectiveService::isProxied)) {
      String state = switch (proxy.kind()) {
        case "caddy" -> "/var/lib/caddy";
        case "traefik" -> "/var/lib/traefik";
        default -> null;
      };
      if (state != null && !survives(ctx, state)) {
        out.putIfAbsent(state, new Kept(state, proxy.kind(), proxy.kind(), null));
      }
      if (proxy.tls() == TlsMode.ACME && !survives(ctx, "/var/lib/acme")) {
        out.putIfAbsent("/var/lib/acme", new Kept("/var/lib/acme", "acme", "acme", null));
      }
    }
    // Containers: podman's images and containers, and every volume's host folder off the
    // datasets (a container's settings would otherwise be wiped at every boot).
    ServicePlanner services = new ServicePlanner(ctx);
    boolean containers = false;
    for (EffectiveService s : ctx.services) {
      List<Folder> volumes = services.volumeFolders(s);
      containers |= s.descriptor().isContainer() || s.spec().container() != null;
      for (Folder f : volumes) {
        if (survives(ctx, f.path()) || out.keySet().stream().anyMatch(k -> Paths.isAtOrBelow(f.path(), k))) {
          continue;
        }
        out.put(f.path(), new Kept(f.path(), f.user(), f.group(), f.mode()));
      }
    }
    if (containers && !survives(ctx, "/var/lib/containers")) {
      out.putIfAbsent("/var/lib/containers", new Kept("/var/lib/containers", null, null, null));
    }
    if (ctx.host.network().tailscale().enable() && !survives(ctx, "/var/lib/tailscale")) {
      out.putIfAbsent("/var/lib/tailscale", new Kept("/var/lib/tailscale", null, null, null));
    }
    return List.copyOf(out.values());
  }

  /** Null when the host's root is not ephemeral. */
  public static PlannedFile plan(HostContext ctx) {
    Impermanence imp = ctx.host.impermanence();
    if (imp == null) {
      return null;
    }
    List<NixValue> dirs = new ArrayList<>();
    for (Kept k : directories(ctx)) {
      if (k.user() == null && k.mode() == null) {
        dirs.add(NixValue.str(k.directory()));
        continue;
      }
      Bindings d = new Bindings().str("directory", k.directory());
      if (k.user() != null) {
        d.str("user", k.user()).str("group", k.group());
      }
      if (k.mode() != null) {
        d.str("mode", k.mode());
      }
      dirs.add(d.attrs());
    }
    Bindings b = new Bindings();
    BtrfsRoot root = imp.btrfs();
    ZfsRoot zfs = imp.zfs();
    boolean persistMounted = zfs != null && zfs.device() == null && zfs.persistent(imp.persist()).containsValue(imp.persist());
    if (zfs != null && zfs.device() == null) {
      zfsFileSystems(b, ctx, zfs);
    }
    if (!persistMounted) {
      String persistFrom = root != null ? " come from disko.nix (subvolume @persist)."
          : zfs != null && zfs.device() != null ? " come from disko.nix (a dataset of " + zfs.pool() + ")."
          : " come from hardware-configuration.nix (or disko).";
      b.comment("Mounted in the initrd, before anything is bind-mounted from it; its device and file system" + persistFrom)
          .set(List.of("fileSystems", imp.persist(), "neededForBoot"), NixValue.bool(true));
    }
    b.set(List.of("environment", "persistence", imp.persist()), new Bindings()
        .bool("hideMounts", true)
        .set("directories", NixValue.list(dirs))
        .set("files", NixValue.strings(SYSTEM_FILES))
        .attrs());
    b.comment(List.of("/etc/shadow is on the wiped root: a password set with passwd would not survive a reboot.",
            "Users and their passwords come from the configuration only (admins.<name>.passwordHash)."))
        .bool("users.mutableUsers", false);
    if (!ctx.secrets.isEmpty()) {
      b.comment("sops-nix decrypts during activation, before the bind mounts: read the host key where it is kept.")
          .set("sops.age.sshKeyPaths", NixValue.strings(List.of(imp.persist() + "/etc/ssh/ssh_host_ed25519_key")));
    }
    if (root != null) {
      rollback(b, ctx, root);
    }
    if (zfs != null) {
      zfsRollback(b, zfs);
    }
    String wipe = zfs != null
        ? " The root is wiped at every boot by the rollback below: the dataset " + zfs.rootDataset() + " goes back to its"
            + " snapshot @" + ZfsRoot.BLANK + ", taken while it was empty (hosts." + ctx.name + ".impermanence.zfs"
            + (zfs.device() != null ? "; disko.nix lays the pool out and takes the snapshot)." : ").")
            + " " + String.join(", ", zfs.persistent(imp.persist()).values()) + " are datasets of their own and keep their content."
        : root != null
        ? " The root is wiped at every boot by the rollback below: the BTRFS subvolume @ is replaced by an empty one,"
            + " the previous one kept " + root.keepOldRoots() + " days under old_roots/ (hosts." + ctx.name
            + ".impermanence.btrfs; disko.nix lays the disk out)."
        : " Wiping the root at boot (a tmpfs root, or rolling it back to"
            + " an empty snapshot) is the host's own setup, in hardware-configuration.nix.";
    List<String> comment = new ArrayList<>(Headers.wrap("The root file system is ephemeral (hosts." + ctx.name
        + ".impermanence): what must survive a reboot is kept under " + imp.persist() + ". Data on ZFS datasets"
        + " survives on its own and is not listed." + wipe));
    List<Binding> let = root != null ? rollbackLet(root)
        : zfs != null ? List.of(Binding.of(List.of(ROLLBACK_SCRIPT), new NixValue.Text(zfsRollbackScript(zfs))),
            Binding.of(List.of(AFTER_IMPORT), new NixValue.Apply(new NixValue.Ref("lib.mkAfter"), new NixValue.Ref(ROLLBACK_SCRIPT)))
                .withComment(List.of("After the pool's import, which NixOS's ZFS module puts in the same commands.")))
        : List.of();
    return ctx.module("impermanence.nix", "hosts/module.nix.ftl", comment, let, b.build());
  }
}
