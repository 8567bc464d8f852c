package dev.homelab.plan;

import dev.homelab.model.Repository;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code backup-target.nix} on a host of the spec that restic repositories reach over
 * SFTP ({@code backups.repositories.<r>.sftp.host} naming it): per SFTP user, a system
 * account whose only use is SFTP ({@code ForceCommand internal-sftp}, no forwarding, no
 * terminal), its authorized keys ({@code sftp.publicKey} of each repository), and each
 * repository's directory, owned by that account ({@link BackupPlanner#folders}: made by
 * tmpfiles, or on a dataset by the datasets unit once it is mounted).
 */
final class SftpTargetPlanner {

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
  static PlannedFile plan(HostContext ctx) {
    Map<String, Account> accounts = new LinkedHashMap<>();
    ctx.spec.backups().repositories().forEach((name, repo) -> {
      if (!repo.restic() || repo.sftp() == null || !ctx.name.equals(repo.sftp().specHost(ctx.spec))) {
        return;
      }
      Account a = accounts.computeIfAbsent(repo.sftp().user(), u -> new Account(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>()));
      a.repositories().put(name, repo.sftp().path());
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
    for (Map.Entry<String, Account> e : accounts.entrySet()) {
      String user = e.getKey();
      Account a = e.getValue();
      String first = a.repositories().values().iterator().next();
      Bindings u = new Bindings()
          .bool("isSystemUser", true)
          .str("group", user)
          .comment("SFTP starts here; the repositories are reached by their absolute paths.")
          .str("home", parent(first));
      if (!a.keys().isEmpty()) {
        u.set("openssh.authorizedKeys.keys", NixValue.strings(a.keys()));
      }
      b.set(List.of("users", "users", user), u.attrs());
      b.set(List.of("users", "groups", user), new NixValue.Attrs(List.of()));
      match.add("Match User " + user);
      match.addAll(SFTP_ONLY);
      a.repositories().forEach((repo, path) -> {
        comment.addAll(Headers.wrap("Repository " + repo + ": " + path + ", written by " + user + " over SFTP."));
      });
      if (!a.withoutKey().isEmpty()) {
        comment.addAll(Headers.wrap("No public key in the spec for " + String.join(", ", a.withoutKey())
            + ": give backups.repositories.<r>.sftp.publicKey, or add the public half of its sftp.key to"
            + " users.users." + user + ".openssh.authorizedKeys.keys in local.nix."));
      }
    }
    match.add("Match all");
    b.comment("Accounts that may only use SFTP; `Match all` ends the block for what local.nix appends.")
        .set("services.openssh.extraConfig", new NixValue.Text(match));
    List<String> tmpfiles = BackupPlanner.folders(ctx).stream()
        .filter(f -> f.writer().equals(BackupPlanner.SFTP_WRITER) && !ctx.datasets.isOnDataset(f.path()))
        .map(Folder::tmpfilesRule)
        .toList();
    if (!tmpfiles.isEmpty()) {
      b.comment("The repositories' directories, each the account's own (mode 0700).")
          .set("systemd.tmpfiles.rules", NixValue.strings(tmpfiles));
    }
    List<String> intro = new ArrayList<>(Headers.wrap("Backup target: restic repositories of this lab live here and"
        + " are written over SFTP by accounts that can do nothing else (no shell, no forwarding)."));
    intro.addAll(comment);
    intro.addAll(Headers.wrap("A directory on a dataset is made by the datasets unit once it is mounted;"
        + " put it on a dataset of this host to snapshot and size it with the pool."));
    return ctx.module("backup-target.nix", "hosts/module.nix.ftl", intro, b.build());
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
