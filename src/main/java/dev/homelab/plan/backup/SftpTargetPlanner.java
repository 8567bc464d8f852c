package dev.homelab.plan.backup;

import dev.homelab.model.Repository;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Folder;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.quote.Shell;
import dev.homelab.plan.storage.DatasetPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code backup-target.nix} on a host of the spec that restic repositories reach over
 * SSH ({@code backups.repositories.<r>.sftp.host} naming it): per account, a system user
 * whose keys ({@code sftp.publicKey} of each repository) are each forced to run
 * {@code rclone serve restic --stdio --append-only} on their repository, so clients can add
 * to it but never delete or overwrite; no forwarding, no terminal; each repository's
 * directory, owned by that account ({@link BackupPlanner#folders}: made by tmpfiles, or on a
 * dataset by the datasets unit once it is mounted); and a prune-only restic job per spec job
 * writing there, with its retention. An account pgBackRest also writes over SFTP stays
 * SFTP-only ({@code ForceCommand internal-sftp}).
 */
public final class SftpTargetPlanner {

  /** The sshd options of an account that may only use SFTP. */
  private static final List<String> SFTP_ONLY = List.of(
      "  ForceCommand internal-sftp",
      "  AllowTcpForwarding no",
      "  AllowAgentForwarding no",
      "  AllowStreamLocalForwarding no",
      "  PermitTunnel no",
      "  PermitTTY no",
      "  X11Forwarding no");

  /** One account: its repositories (name and path) and the public keys it accepts. */
  private record Account(Map<String, String> repositories, List<String> keys, List<String> withoutKey) {}

  private SftpTargetPlanner() {}

  /** Null when no restic repository of the spec is on this host over SFTP. */
  public static PlannedFile plan(HostContext ctx) {
    Map<String, Account> accounts = new LinkedHashMap<>();
    Map<String, Repository> appendOnly = new LinkedHashMap<>();
    ctx.spec.backups().repositories().forEach((name, repo) -> {
      if (!repo.restic() || repo.sftp() == null || !ctx.name.equals(repo.sftp().specHost(ctx.spec))) {
        return;
      }
      Account a = accounts.computeIfAbsent(repo.sftp().user(), u -> new Account(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>()));
      a.repositories().put(name, repo.sftp().path());
      if (BackupPlanner.appendOnly(ctx.spec, repo)) {
        appendOnly.put(name, repo);
      }
      if (repo.sftp().publicKey() == null) {
        a.withoutKey().add(name);
      } else if (!a.keys().contains(repo.sftp().publicKey())) {
        a.keys().add(repo.sftp().publicKey());
      }
    });
    if (accounts.isEmpty()) {
      return null;
    }
    Bindings b = new Bindings();
    List<String> match = new ArrayList<>();
    List<String> comment = new ArrayList<>();
    boolean anySftp = false;
    boolean anyAppendOnly = false;
    for (Map.Entry<String, Account> e : accounts.entrySet()) {
      String user = e.getKey();
      Account a = e.getValue();
      String first = a.repositories().values().iterator().next();
      boolean rclone = a.repositories().keySet().stream().allMatch(appendOnly::containsKey);
      anySftp |= !rclone;
      anyAppendOnly |= rclone;
      Bindings u = new Bindings()
          .bool("isSystemUser", true)
          .str("group", user);
      if (rclone) {
        u.comment("Repositories start here; each key's forced command names its repository by its absolute path.")
            .str("home", parent(first))
            .comment("sshd runs a key's forced command through the login shell; the account gets no terminal.")
            .bool("useDefaultShell", true);
      } else {
        u.comment("SFTP starts here; the repositories are reached by their absolute paths.").str("home", parent(first));
      }
      List<NixValue> keys = new ArrayList<>();
      List<String> served = new ArrayList<>();
      ctx.spec.backups().repositories().forEach((name, repo) -> {
        if (!a.repositories().containsKey(name) || repo.sftp().publicKey() == null) {
          return;
        }
        String key = repo.sftp().publicKey();
        if (!rclone) {
          return;
        }
        if (served.contains(key)) {
          comment.addAll(Headers.wrap("Repository " + name + " shares its public key with another repository of " + user
              + ": a key serves one repository, so give it a key of its own."));
          return;
        }
        served.add(key);
        keys.add(new NixValue.Interpolated(List.of(NixValue.str("restrict,command=\""), new NixValue.Ref("pkgs.rclone"),
            NixValue.str("/bin/rclone serve restic --stdio --append-only " + Shell.word(repo.sftp().path()) + "\" "
                + key))));
      });
      if (rclone && !keys.isEmpty()) {
        u.set("openssh.authorizedKeys.keys", NixValue.list(keys));
      } else if (!rclone && !a.keys().isEmpty()) {
        u.set("openssh.authorizedKeys.keys", NixValue.strings(a.keys()));
      }
      b.set(List.of("users", "users", user), u.attrs());
      b.set(List.of("users", "groups", user), new NixValue.Attrs(List.of()));
      match.add("Match User " + user);
      match.addAll(rclone ? SFTP_ONLY.subList(1, SFTP_ONLY.size()) : SFTP_ONLY);
      a.repositories().forEach((repo, path) -> {
        comment.addAll(Headers.wrap("Repository " + repo + ": " + path + ", written by " + user
            + (rclone ? " through `rclone serve restic --append-only`: the clients add to it, never delete or overwrite."
                : " over SFTP.")));
      });
      if (!a.withoutKey().isEmpty()) {
        comment.addAll(Headers.wrap("No public key in the spec for " + String.join(", ", a.withoutKey())
            + ": give backups.repositories.<r>.sftp.publicKey, or add the public half of its sftp.key to"
            + " users.users." + user + ".openssh.authorizedKeys.keys in local.nix"
            + (rclone ? ", behind the same `restrict,command=\"...\"` as the keys here (without it, the key gets a shell)."
                : ".")));
      }
    }
    match.add("Match all");
    b.comment(!anySftp
            ? "The accounts run only their keys' forced commands: no terminal, no forwarding; `Match all` ends the block"
                + " for what local.nix appends."
            : !anyAppendOnly
                ? "Accounts that may only use SFTP; `Match all` ends the block for what local.nix appends."
                : "Accounts that may only use SFTP, or run only their keys' forced commands; `Match all` ends the block"
                    + " for what local.nix appends.")
        .set("services.openssh.extraConfig", new NixValue.Text(match));
    List<String> tmpfiles = BackupPlanner.folders(ctx).stream()
        .filter(f -> f.writer().equals(BackupPlanner.SFTP_WRITER) && !ctx.datasets.isOnDataset(f.path()))
        .map(Folder::tmpfilesRule)
        .toList();
    if (!tmpfiles.isEmpty()) {
      b.comment("The repositories' directories, each the account's own (mode 0700).")
          .set("systemd.tmpfiles.rules", NixValue.strings(tmpfiles));
    }
    List<String> secrets = new ArrayList<>();
    appendOnly.forEach((name, repo) -> prune(ctx, b, name, repo, secrets, comment));
    List<dev.homelab.nix.Binding> all = new ArrayList<>(b.build());
    secrets.forEach(sec -> all.add(ctx.sopsBinding(sec)));
    List<String> intro = new ArrayList<>(Headers.wrap(anyAppendOnly && !anySftp
        ? "Backup target: restic repositories of this lab live here, append-only: the clients' keys can only run"
            + " `rclone serve restic --append-only` on their repository (no shell, no forwarding), so a client cannot"
            + " delete or overwrite its backups; this host prunes them with the clients' retention."
        : "Backup target: restic repositories of this lab live here and are written over SFTP by accounts that can do"
            + " nothing else (no shell, no forwarding)."));
    intro.addAll(comment);
    intro.addAll(Headers.wrap("A directory on a dataset is made by the datasets unit once it is mounted;"
        + " put it on a dataset of this host to snapshot and size it with the pool."));
    return ctx.module("backup-target.nix", "hosts/module.nix.ftl", intro, all);
  }

  /** When the target prunes an append-only repository: at noon, away from the night's backups. */
  static final String PRUNE_AT = "*-*-* 12:00:00";

  /**
   * The pruning of an append-only repository, on its host: one prune-only restic job per
   * spec job writing to it (the clients tag their snapshots with the job's name), with that
   * job's retention, as the account that owns the repository; it waits up to two hours for a
   * client's lock.
   */
  private static void prune(HostContext ctx, Bindings b, String name, Repository repo, List<String> secrets,
      List<String> comment) {
    String user = repo.sftp().user();
    String path = repo.sftp().path();
    ctx.spec.backups().jobs().forEach((jobName, job) -> {
      if (!job.to().contains(name)) {
        return;
      }
      List<String> keep = BackupPlanner.prune(job.keep());
      if (keep.isEmpty()) {
        comment.addAll(Headers.wrap("Job " + jobName + " keeps everything in " + name + ": nothing is pruned."));
        return;
      }
      String secret = repo.password().name();
      ctx.useSecret(secret, user, user, "restic prune of repository " + name, "the restic repository password");
      if (!secrets.contains(secret)) {
        secrets.add(secret);
      }
      List<String> opts = new ArrayList<>(List.of("--tag " + jobName, "--retry-lock 2h"));
      opts.addAll(keep);
      String unit = "prune-" + name + "-" + jobName;
      b.comment("Job " + jobName + "'s snapshots in " + name + " (tag " + jobName + "), pruned here with its retention:"
              + " its clients cannot delete.")
          .set(List.of("services", "restic", "backups", unit), new Bindings()
              .str("repository", path)
              .set("passwordFile", new NixValue.SecretPath(secret))
              .str("user", user)
              .set("paths", NixValue.list(List.of()))
              .set("timerConfig", new Bindings().str("OnCalendar", PRUNE_AT).bool("Persistent", true).attrs())
              .set("pruneOpts", NixValue.strings(opts))
              .attrs());
      if (ctx.datasets.isOnDataset(path)) {
        b.set(List.of("systemd", "services", "restic-backups-" + unit), new Bindings()
            .set("requires", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")))
            .set("after", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")))
            .attrs());
      }
      comment.addAll(Headers.wrap("Job " + jobName + " in " + name + ": pruned here daily at noon, keeping "
          + String.join(" ", keep).replace("--keep-", "") + "."));
    });
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
