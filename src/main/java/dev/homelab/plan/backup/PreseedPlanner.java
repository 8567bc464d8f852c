package dev.homelab.plan.backup;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Paths;
import dev.homelab.model.Preseed;
import dev.homelab.model.PreseedSource;
import dev.homelab.model.Replication;
import dev.homelab.model.Repository;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.quote.Shell;
import dev.homelab.plan.quote.Systemd;
import dev.homelab.plan.service.ServicePlanner;
import dev.homelab.plan.storage.DatasetPlanner;
import dev.homelab.plan.storage.PlannedDataset;
import dev.homelab.plan.storage.ReplicationPlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code preseed.nix}: for each service with a {@code preseed}, a oneshot unit
 * {@code preseed-<service>} that runs before the service's units (which require it) and
 * after the dataset unit, only while the service's data directory is empty, and restores
 * that directory: from the newest restic snapshot holding it ({@code from: restic}), or
 * by receiving the newest snapshot of the copy Syncoid keeps of its dataset on the
 * replication's target into the empty dataset ({@code from: syncoid}). With no such
 * snapshot it leaves the directory empty (a first install); an unreachable repository or
 * target fails the unit, so the service never starts empty over data that exists in a backup.
 */
public final class PreseedPlanner {

  /**
   * The most a dataset, or one of its snapshots, may reference for a Syncoid preseed to
   * take it for empty (bytes): an empty dataset references tens of KiB of metadata.
   */
  static final long EMPTY_LIMIT = 1024 * 1024;

  private PreseedPlanner() {}

  /** The unit that restores a service's data. */
  public static String unit(String service) {
    return "preseed-" + service;
  }

  /** Null when no service of the host has a preseed. */
  public static PlannedFile plan(HostContext ctx) {
    ServicePlanner services = new ServicePlanner(ctx);
    Bindings b = new Bindings();
    List<String> secrets = new ArrayList<>();
    List<String> comment = new ArrayList<>();
    boolean restic = false;
    boolean syncoid = false;
    boolean ordered = false;
    for (EffectiveService s : ctx.services) {
      Preseed p = s.spec().preseed();
      String dir = ctx.datasets.dataDir(s);
      List<String> units = services.units(s).stream().map(u -> u + ".service").toList();
      if (p == null || dir == null || units.isEmpty()) {
        continue;
      }
      Bindings u;
      if (p.from().size() > 1 || p.tries(PreseedSource.LOCAL)) {
        ordered = true;
        u = inOrder(ctx, s, p, dir, units, secrets, comment);
      } else if (p.tries(PreseedSource.SYNCOID)) {
        syncoid = true;
        u = fromSyncoid(ctx, s, dir, units, secrets, comment);
      } else {
        restic = true;
        u = fromRestic(ctx, s, p, dir, units, secrets, comment);
      }
      b.set(List.of("systemd", "services", unit(s.name())), u.attrs());
    }
    if (b.isEmpty()) {
      return null;
    }
    List<dev.homelab.nix.Binding> all = new ArrayList<>(b.build());
    secrets.forEach(x -> all.add(ctx.sopsBinding(x)));
    List<String> kinds = new ArrayList<>();
    if (restic) {
      kinds.add("the newest restic snapshot of this host");
    }
    if (syncoid) {
      kinds.add("the newest snapshot of the Syncoid copy of its dataset");
    }
    if (ordered) {
      kinds.add("the first of its sources, tried in order, that holds data");
    }
    String from = kinds.size() == 1 ? kinds.get(0) : String.join(", or ", kinds) + ",";
    List<String> intro = new ArrayList<>(Headers.wrap("Preseed: on first start with an empty data directory, each"
        + " service below gets its data back from " + from + " before it starts."));
    intro.addAll(comment);
    return ctx.module("preseed.nix", "hosts/module.nix.ftl", intro, all);
  }

  private static Bindings fromRestic(HostContext ctx, EffectiveService s, Preseed p, String dir, List<String> units,
      List<String> secrets, List<String> comment) {
    Repository repo = ctx.spec.backups().repositories().get(p.repository());
    String where = BackupPlanner.resticRepository(ctx.spec, repo);
    boolean remote = repo.path() == null;
    String password = repo.password().name();
    read(ctx, secrets, password, null, s, "the restic repository password");
    boolean onDataset = ctx.datasets.isOnDataset(dir) || repo.path() != null && ctx.datasets.isOnDataset(repo.path());
    String host = Shell.word(ctx.name);
    String path = Shell.word(dir);
    Bindings env = new Bindings().str("RESTIC_REPOSITORY", where).set("RESTIC_PASSWORD_FILE", new NixValue.SecretPath(password));
    String options = "";
    if (repo.sftp() != null) {
      String key = repo.sftp().key().name();
      read(ctx, secrets, key, null, s, "the SSH key for the repository's SFTP host");
      env.set("PRESEED_SSH_KEY", new NixValue.SecretPath(key));
      List<String> ssh = BackupPlanner.sshCommand(ctx.spec, repo);
      options = " -o \"" + BackupPlanner.sshOption(ctx.spec, repo) + "=" + Shell.inDoubleQuotes(ssh.get(0)) + "$PRESEED_SSH_KEY"
          + Shell.inDoubleQuotes(ssh.get(1)) + "\"";
    }
    if (repo.s3() != null && repo.s3().region() != null) {
      options += " -o s3.region=" + Shell.word(repo.s3().region());
    }
    List<String> script = List.of(
        "set -eu",
        "# No snapshot holds it yet (a first install): start empty.",
        "if [ \"$(restic" + options + " snapshots --json --latest 1 --host " + host + " --path " + path + ")\" = \"[]\" ]; then",
        "  echo \"no snapshot of " + Shell.inDoubleQuotes(dir) + " in " + Shell.inDoubleQuotes(p.repository())
            + ": starting empty\" >&2",
        "  exit 0",
        "fi",
        "restic" + options + " restore latest --host " + host + " --path " + path + " --include " + path + " --target /");
    Bindings u = ordering("Restore " + s.name() + "'s data from restic repository " + p.repository() + " before its first start",
        units, List.of(), onDataset, remote, dir);
    u.set("serviceConfig", serviceConfig(repo, ctx, s, secrets))
        .set("environment", env.attrs())
        // restic starts ssh itself for a repository over SSH (SFTP, or rclone on the target).
        .set("path", NixValue.list(repo.sftp() != null
            ? List.of(new NixValue.Ref("pkgs.restic"), new NixValue.Ref("pkgs.openssh"))
            : List.of(new NixValue.Ref("pkgs.restic"))))
        .set("script", new NixValue.Text(script));
    comment.addAll(Headers.wrap(s.name() + ": " + dir + " from " + p.repository() + " (" + where + ")."));
    return u;
  }

  /**
   * Receives the newest snapshot of the service's copy on the replication target into its
   * dataset. A full stream without properties (no {@code send -p} or {@code -R}) keeps the
   * dataset's own properties; {@code receive -F} replaces the dataset's contents, which the
   * script allows only once it has checked the dataset holds no files and neither it nor its
   * snapshots (Sanoid's, syncoid's, taken of the empty dataset) reference data; it destroys
   * those snapshots, which a full stream cannot be received over.
   */
  private static Bindings fromSyncoid(HostContext ctx, EffectiveService s, String dir, List<String> units,
      List<String> secrets, List<String> comment) {
    Replication r = ctx.host.replication();
    String dataset = s.spec().dataset();
    String copy = copyOf(ctx, dataset);
    String key = r.sshKey().name();
    read(ctx, secrets, key, ReplicationPlanner.USER, s, "the SSH key of replication to " + r.to());
    String login = ReplicationPlanner.USER + "@" + ReplicationPlanner.address(r);
    String ds = Shell.word(dataset);
    String path = Shell.word(dir);
    // In the command the target's shell runs: quoted for it, then the whole command for this one.
    String there = Shell.word(copy);
    String to = Shell.inDoubleQuotes(r.to());
    PlannedDataset planned = ctx.datasets.find(dataset).orElse(null);
    List<String> script = new ArrayList<>(List.of(
        "set -euo pipefail",
        "# receive -F replaces what the dataset holds: only into the empty one the datasets unit made.",
        "if [ -d " + path + " ] && [ -n \"$(find " + path + " -mindepth 1 -print -quit)\" ]; then",
        "  echo \"refusing to preseed " + Shell.inDoubleQuotes(dataset) + " from " + to + ": " + Shell.inDoubleQuotes(dir)
            + " holds files\" >&2",
        "  exit 1",
        "fi",
        "# Sanoid and syncoid snapshot the empty dataset too, so a retry after a failed attempt finds snapshots:",
        "# refused only when the dataset or one of them references data. Empty, it references tens of KiB of",
        "# metadata; 1 MiB leaves room for that and is less than any real service's data.",
        "while read -r name referenced; do",
        "  if [ \"$referenced\" -gt " + EMPTY_LIMIT + " ]; then",
        "    echo \"refusing to preseed " + Shell.inDoubleQuotes(dataset) + " from " + to
            + ": $name holds data ($referenced bytes)\" >&2",
        "    exit 1",
        "  fi",
        "done < <(zfs list -Hp -t filesystem,snapshot -o name,referenced -d 1 " + ds + ")",
        "remote() {",
        "  ssh -i \"$PRESEED_SSH_KEY\" -o BatchMode=yes -o StrictHostKeyChecking="
            + (r.hostKey() != null ? "yes" : "accept-new") + " " + Shell.word(login) + " \"$@\"",
        "}",
        "# The newest snapshot of the copy; no copy or no snapshot yet (a first install): start empty.",
        "snapshot=$(remote \"" + Shell.inDoubleQuotes("if zfs list -H -o name " + there + " >/dev/null 2>&1; then zfs list"
            + " -H -t snapshot -o name -s createtxg -d 1 " + there + "; fi") + "\" | tail -n 1)",
        "if [ -z \"$snapshot\" ]; then",
        "  echo \"no snapshot of " + Shell.inDoubleQuotes(copy) + " on " + to + ": starting empty\" >&2",
        "  exit 0",
        "fi",
        "# A full stream replaces an existing dataset only once it has no snapshots (zfs receive -F refuses:",
        "# \"destination has snapshots, must destroy them to overwrite it\"); they hold no data (checked above).",
        "zfs list -H -t snapshot -o name -d 1 " + ds + " | while read -r empty; do zfs destroy \"$empty\"; done",
        "echo \"receiving $snapshot from " + to + " into " + Shell.inDoubleQuotes(dataset) + "\" >&2",
        "# A full stream without properties: the dataset keeps its own (mountpoint, recordsize, ...).",
        "remote zfs send \"$snapshot\" | zfs receive -F -u -x mountpoint " + ds,
        "[ \"$(zfs get -H -o value mounted " + ds + ")\" = yes ] || zfs mount " + ds));
    script.addAll(ownerAndMode(planned, path, ""));
    // Sanoid and syncoid snapshot the dataset: started together (at boot), they wait for the receive.
    List<String> before = new ArrayList<>(List.of("sanoid.service"));
    for (ReplicationPlanner.Copy c : ReplicationPlanner.copies(ctx.spec, ctx.name, r)) {
      before.add(ReplicationPlanner.syncoidUnit(c.source()) + ".service");
    }
    Bindings u = ordering("Receive " + s.name() + "'s dataset from its Syncoid copy on " + r.to() + " before its first start",
        units, before, true, true, dir);
    u.set("serviceConfig", new Bindings().str("Type", "oneshot").bool("RemainAfterExit", true).attrs())
        .set("environment.PRESEED_SSH_KEY", new NixValue.SecretPath(key))
        .set("path", NixValue.list(List.of(new NixValue.Ref("config.boot.zfs.package"), new NixValue.Ref("pkgs.openssh"),
            new NixValue.Ref("pkgs.coreutils"), new NixValue.Ref("pkgs.findutils"))))
        .set("script", new NixValue.Text(script));
    comment.addAll(Headers.wrap(s.name() + ": " + dataset + " (" + dir + ") from " + copy + " on " + r.to() + "."));
    return u;
  }

  /** An attempt's exit status when its source holds nothing (yet): the next source is tried. */
  static final int NOTHING = 3;

  /**
   * Tries the preseed's sources in order ({@code from: [syncoid, local, restic]}), each in a
   * subshell of its own that exits 0 once it restored the data, {@value #NOTHING} when its
   * source holds nothing, anything else when it failed; every attempt and its outcome goes to
   * the journal. The first that restores ends the unit. When none did: a first install (every
   * source empty) starts empty; a failed source fails the unit, so the service never starts
   * empty over data a source it could not read may hold.
   */
  private static Bindings inOrder(HostContext ctx, EffectiveService s, Preseed p, String dir, List<String> units,
      List<String> secrets, List<String> comment) {
    String name = Shell.inDoubleQuotes(s.name());
    String path = Shell.word(dir);
    List<String> script = new ArrayList<>(List.of(
        "set -uo pipefail",
        "failed=",
        "# Runs one source in a subshell that stops at its first failing command: 0 restored, " + NOTHING
            + " nothing there, else failed.",
        "attempt() {",
        "  local source=$1",
        "  echo \"preseed of " + name + ": trying $source\" >&2",
        "  ( set -e; \"from_$source\" )",
        "  local status=$?",
        "  case $status in",
        "    0) echo \"preseed of " + name + ": restored from $source\" >&2; exit 0 ;;",
        "    " + NOTHING + ") echo \"preseed of " + name + ": $source holds nothing\" >&2 ;;",
        "    *) echo \"preseed of " + name + ": $source failed (exit $status)\" >&2; failed=\"$failed $source\" ;;",
        "  esac",
        "}"));
    List<NixValue> tools = new ArrayList<>();
    Bindings env = new Bindings();
    boolean remote = false;
    boolean snapshotted = false;
    NixValue serviceConfig = new Bindings().str("Type", "oneshot").bool("RemainAfterExit", true).attrs();
    List<String> described = new ArrayList<>();
    for (PreseedSource source : p.from()) {
      switch (source) {
        case SYNCOID -> {
          Replication r = ctx.host.replication();
          String dataset = s.spec().dataset();
          String copy = copyOf(ctx, dataset);
          String key = r.sshKey().name();
          read(ctx, secrets, key, ReplicationPlanner.USER, s, "the SSH key of replication to " + r.to());
          env.set("PRESEED_SYNCOID_KEY", new NixValue.SecretPath(key));
          script.addAll(syncoidAttempt(ctx, r, s, dataset, copy, dir));
          remote = true;
          snapshotted = true;
          described.add("the Syncoid copy " + copy + " on " + r.to());
        }
        case LOCAL -> {
          script.addAll(localAttempt(ctx, s.spec().dataset(), dir));
          snapshotted = true;
          described.add("the newest snapshot of " + s.spec().dataset() + " that holds data");
        }
        case RESTIC -> {
          Repository repo = ctx.spec.backups().repositories().get(p.repository());
          String where = BackupPlanner.resticRepository(ctx.spec, repo);
          String password = repo.password().name();
          read(ctx, secrets, password, null, s, "the restic repository password");
          env.str("RESTIC_REPOSITORY", where).set("RESTIC_PASSWORD_FILE", new NixValue.SecretPath(password));
          String options = "";
          if (repo.sftp() != null) {
            String key = repo.sftp().key().name();
            read(ctx, secrets, key, null, s, "the SSH key for the repository's SFTP host");
            env.set("PRESEED_SSH_KEY", new NixValue.SecretPath(key));
            List<String> ssh = BackupPlanner.sshCommand(ctx.spec, repo);
            options = " -o \"" + BackupPlanner.sshOption(ctx.spec, repo) + "=" + Shell.inDoubleQuotes(ssh.get(0))
                + "$PRESEED_SSH_KEY" + Shell.inDoubleQuotes(ssh.get(1)) + "\"";
          }
          if (repo.s3() != null && repo.s3().region() != null) {
            options += " -o s3.region=" + Shell.word(repo.s3().region());
          }
          remote |= repo.path() == null;
          String host = Shell.word(ctx.name);
          script.addAll(List.of(
              "from_restic() {",
              "  local snapshots",
              "  snapshots=$(restic" + options + " snapshots --json --latest 1 --host " + host + " --path " + path + ")",
              "  if [ \"$snapshots\" = \"[]\" ]; then",
              "    exit " + NOTHING,
              "  fi",
              "  restic" + options + " restore latest --host " + host + " --path " + path + " --include " + path + " --target /",
              "}"));
          serviceConfig = serviceConfig(repo, ctx, s, secrets);
          tools.add(new NixValue.Ref("pkgs.restic"));
          described.add("restic " + p.repository() + " (" + where + ")");
        }
      }
    }
    for (PreseedSource source : p.from()) {
      script.add("attempt " + source.wire());
    }
    script.addAll(List.of(
        "if [ -n \"$failed\" ]; then",
        "  echo \"preseed of " + name + ": no source restored and$failed failed: not starting empty over data that may exist\" >&2",
        "  exit 1",
        "fi",
        "echo \"preseed of " + name + ": no source holds data (a first install): starting empty\" >&2"));
    if (snapshotted) {
      tools.add(0, new NixValue.Ref("config.boot.zfs.package"));
    }
    if (remote) {
      tools.add(new NixValue.Ref("pkgs.openssh"));
    }
    tools.add(new NixValue.Ref("pkgs.coreutils"));
    tools.add(new NixValue.Ref("pkgs.findutils"));
    List<String> before = new ArrayList<>();
    if (snapshotted) {
      // Sanoid and syncoid snapshot the dataset: started together (at boot), they wait for the restore.
      before.add("sanoid.service");
      if (ctx.host.replication() != null) {
        for (ReplicationPlanner.Copy c : ReplicationPlanner.copies(ctx.spec, ctx.name, ctx.host.replication())) {
          before.add(ReplicationPlanner.syncoidUnit(c.source()) + ".service");
        }
      }
    }
    Repository repo = p.repository() == null ? null : ctx.spec.backups().repositories().get(p.repository());
    boolean onDataset = ctx.datasets.isOnDataset(dir) || s.spec().dataset() != null
        || repo != null && repo.path() != null && ctx.datasets.isOnDataset(repo.path());
    Bindings u = ordering("Restore " + s.name() + "'s data before its first start from the first of: "
        + String.join(", ", p.from().stream().map(PreseedSource::wire).toList()), units, before, onDataset, remote, dir);
    u.set("serviceConfig", serviceConfig)
        .set("environment", env.attrs())
        .set("path", NixValue.list(tools))
        .set("script", new NixValue.Text(script));
    comment.addAll(Headers.wrap(s.name() + ": " + dir + " from the first that holds data of " + String.join(", then ", described)
        + "."));
    return u;
  }

  /**
   * The Syncoid attempt of an ordered preseed: as {@code from: syncoid} alone, but a copy
   * that is missing or has no snapshot is "nothing there", and a dataset whose own snapshots
   * hold data fails (a full receive would destroy them; {@code local} restores from them).
   */
  private static List<String> syncoidAttempt(HostContext ctx, Replication r, EffectiveService s, String dataset, String copy,
      String dir) {
    String login = ReplicationPlanner.USER + "@" + ReplicationPlanner.address(r);
    String ds = Shell.word(dataset);
    String path = Shell.word(dir);
    String there = Shell.word(copy);
    PlannedDataset planned = ctx.datasets.find(dataset).orElse(null);
    List<String> out = new ArrayList<>(List.of(
        "from_syncoid() {",
        "  # receive -F replaces what the dataset holds: only into the empty one the datasets unit made.",
        "  if [ -d " + path + " ] && [ -n \"$(find " + path + " -mindepth 1 -print -quit)\" ]; then",
        "    echo \"" + Shell.inDoubleQuotes(dir) + " holds files\" >&2",
        "    exit 1",
        "  fi",
        "  local listed name referenced snapshot",
        "  listed=$(zfs list -Hp -t filesystem,snapshot -o name,referenced -d 1 " + ds + ")",
        "  while read -r name referenced; do",
        "    if [ \"$referenced\" -gt " + EMPTY_LIMIT + " ]; then",
        "      echo \"$name holds data ($referenced bytes): a receive would destroy it\" >&2",
        "      exit 1",
        "    fi",
        "  done <<<\"$listed\"",
        "  remote() {",
        "    ssh -i \"$PRESEED_SYNCOID_KEY\" -o BatchMode=yes -o StrictHostKeyChecking="
            + (r.hostKey() != null ? "yes" : "accept-new") + " " + Shell.word(login) + " \"$@\"",
        "  }",
        "  snapshot=$(remote \"" + Shell.inDoubleQuotes("if zfs list -H -o name " + there + " >/dev/null 2>&1; then zfs list"
            + " -H -t snapshot -o name -s createtxg -d 1 " + there + "; fi") + "\" | tail -n 1)",
        "  if [ -z \"$snapshot\" ]; then",
        "    exit " + NOTHING,
        "  fi",
        "  zfs list -H -t snapshot -o name -d 1 " + ds + " | while read -r empty; do zfs destroy \"$empty\"; done",
        "  echo \"receiving $snapshot from " + Shell.inDoubleQuotes(r.to()) + " into " + Shell.inDoubleQuotes(dataset) + "\" >&2",
        "  remote zfs send \"$snapshot\" | zfs receive -F -u -x mountpoint " + ds,
        "  [ \"$(zfs get -H -o value mounted " + ds + ")\" = yes ] || zfs mount " + ds));
    out.addAll(ownerAndMode(planned, path, "  "));
    out.add("}");
    return out;
  }

  /**
   * The local attempt of an ordered preseed: the dataset goes back to its newest snapshot that
   * holds data (references more than {@value #EMPTY_LIMIT} bytes); {@code rollback -r}
   * destroys the snapshots taken since, which hold nothing (they are newer than the newest
   * that does). None: nothing there.
   */
  private static List<String> localAttempt(HostContext ctx, String dataset, String dir) {
    String ds = Shell.word(dataset);
    return List.of(
        "from_local() {",
        "  local listed name referenced snapshot=",
        "  listed=$(zfs list -Hp -t snapshot -o name,referenced -s createtxg -d 1 " + ds + ")",
        "  while read -r name referenced; do",
        "    if [ -n \"$name\" ] && [ \"$referenced\" -gt " + EMPTY_LIMIT + " ]; then",
        "      snapshot=$name",
        "    fi",
        "  done <<<\"$listed\"",
        "  if [ -z \"$snapshot\" ]; then",
        "    exit " + NOTHING,
        "  fi",
        "  echo \"rolling " + Shell.inDoubleQuotes(dataset) + " back to $snapshot\" >&2",
        "  zfs rollback -r \"$snapshot\"",
        "  [ \"$(zfs get -H -o value mounted " + ds + ")\" = yes ] || zfs mount " + ds,
        "}");
  }

  /** Where the host's replication keeps the copy of one of its datasets on the target. */
  public static String copyOf(HostContext ctx, String dataset) {
    for (ReplicationPlanner.Copy c : ReplicationPlanner.copies(ctx.spec, ctx.name, ctx.host.replication())) {
      if (Paths.isAtOrBelow(dataset, c.source())) {
        return c.target() + dataset.substring(c.source().length());
      }
    }
    throw new IllegalStateException(dataset + " is not replicated (HL0396 checks this)");
  }

  /** Before the service's units, after the datasets (and the network when the source is remote), only on an empty directory. */
  private static Bindings ordering(String description, List<String> units, List<String> alsoBefore, boolean onDataset,
      boolean remote, String dir) {
    List<String> before = new ArrayList<>(units);
    before.addAll(alsoBefore);
    List<String> after = new ArrayList<>();
    if (onDataset) {
      after.add(DatasetPlanner.UNIT + ".service");
    }
    if (remote) {
      after.add("network-online.target");
    }
    Bindings u = new Bindings()
        .str("description", description)
        .set("requiredBy", NixValue.strings(units))
        .set("before", NixValue.strings(before));
    if (onDataset) {
      u.set("requires", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")));
    }
    if (remote) {
      u.set("wants", NixValue.strings(List.of("network-online.target")));
    }
    if (!after.isEmpty()) {
      u.set("after", NixValue.strings(after));
    }
    return u.comment("Only while " + dir + " is empty (or missing): never over data.")
        .set("unitConfig.ConditionDirectoryNotEmpty", NixValue.str("!" + Systemd.value(dir)));
  }

  /** A oneshot that stays done; the repository's credentials (S3, B2) as its environment file. */
  private static NixValue serviceConfig(Repository repo, HostContext ctx, EffectiveService s, List<String> secrets) {
    Bindings c = new Bindings().str("Type", "oneshot").bool("RemainAfterExit", true);
    if (repo.credentials() != null) {
      String creds = repo.credentials().name();
      read(ctx, secrets, creds, null, s, "the repository's credentials (env file)");
      c.set("EnvironmentFile", new NixValue.SecretPath(creds));
    }
    return c.attrs();
  }

  /**
   * Records that a preseed unit reads a secret (listed once in the file's sops bindings);
   * {@code owner} is the user another unit reads it as (null: root).
   */
  private static void read(HostContext ctx, List<String> secrets, String secret, String owner, EffectiveService s, String hint) {
    ctx.useSecret(secret, owner, owner, "preseed of " + s.name(), hint);
    if (!secrets.contains(secret)) {
      secrets.add(secret);
    }
  }

  /** A received dataset's owner and mode as the spec gives them, once it is mounted at {@code path}. */
  private static List<String> ownerAndMode(PlannedDataset planned, String path, String indent) {
    List<String> out = new ArrayList<>();
    if (planned != null && !"-".equals(planned.owner())) {
      out.add(indent + "chown " + Shell.word(planned.owner()) + " " + path);
    }
    if (planned != null && !"-".equals(planned.mode())) {
      out.add(indent + "chmod " + Shell.word(planned.mode()) + " " + path);
    }
    return out;
  }
}
