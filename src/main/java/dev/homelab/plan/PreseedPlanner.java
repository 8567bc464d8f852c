package dev.homelab.plan;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Preseed;
import dev.homelab.model.Repository;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code preseed.nix}: for each service with a {@code preseed}, a oneshot unit
 * {@code preseed-<service>} that runs before the service's units (which require it) and
 * after the dataset unit, only while the service's data directory is empty, and restores
 * that directory from the newest restic snapshot holding it. With no such snapshot it
 * leaves the directory empty (a first install); an unreachable repository fails the unit,
 * so the service never starts empty over data that exists in a backup.
 */
final class PreseedPlanner {

  private PreseedPlanner() {}

  /** The unit that restores a service's data. */
  static String unit(String service) {
    return "preseed-" + service;
  }

  /** Null when no service of the host has a preseed. */
  static PlannedFile plan(HostContext ctx) {
    ServicePlanner services = new ServicePlanner(ctx);
    Bindings b = new Bindings();
    List<String> secrets = new ArrayList<>();
    List<String> comment = new ArrayList<>();
    for (EffectiveService s : ctx.services) {
      Preseed p = s.spec().preseed();
      String dir = ctx.datasets.dataDir(s);
      List<String> units = services.units(s).stream().map(u -> u + ".service").toList();
      if (p == null || dir == null || units.isEmpty()) {
        continue;
      }
      Repository repo = ctx.spec.backups().repositories().get(p.repository());
      String where = BackupPlanner.resticRepository(repo);
      boolean remote = repo.path() == null;
      String password = repo.password().name();
      read(ctx, secrets, password, s, "the restic repository password");
      List<String> after = new ArrayList<>();
      boolean onDataset = ctx.datasets.isOnDataset(dir) || repo.path() != null && ctx.datasets.isOnDataset(repo.path());
      if (onDataset) {
        after.add(DatasetPlanner.UNIT + ".service");
      }
      if (remote) {
        after.add("network-online.target");
      }
      String host = DatasetPlanner.shellWord(ctx.name);
      String path = DatasetPlanner.shellWord(dir);
      Bindings env = new Bindings().str("RESTIC_REPOSITORY", where).set("RESTIC_PASSWORD_FILE", new NixValue.SecretPath(password));
      String options = "";
      if (repo.sftp() != null) {
        String key = repo.sftp().key().name();
        read(ctx, secrets, key, s, "the SSH key for the repository's SFTP host");
        env.set("PRESEED_SSH_KEY", new NixValue.SecretPath(key));
        List<String> ssh = BackupPlanner.sftpCommand(repo);
        options = " -o \"sftp.command=" + ssh.get(0) + "$PRESEED_SSH_KEY" + ssh.get(1) + "\"";
      }
      if (repo.s3() != null && repo.s3().region() != null) {
        options += " -o s3.region=" + DatasetPlanner.shellWord(repo.s3().region());
      }
      List<String> script = List.of(
          "set -eu",
          "# No snapshot holds it yet (a first install): start empty.",
          "if [ \"$(restic" + options + " snapshots --json --latest 1 --host " + host + " --path " + path + ")\" = \"[]\" ]; then",
          "  echo \"no snapshot of " + dir.replace("\"", "") + " in " + p.repository() + ": starting empty\" >&2",
          "  exit 0",
          "fi",
          "restic" + options + " restore latest --host " + host + " --path " + path + " --include " + path + " --target /");
      Bindings u = new Bindings()
          .str("description", "Restore " + s.name() + "'s data from restic repository " + p.repository()
              + " before its first start")
          .set("requiredBy", NixValue.strings(units))
          .set("before", NixValue.strings(units));
      if (onDataset) {
        u.set("requires", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")));
      }
      if (remote) {
        u.set("wants", NixValue.strings(List.of("network-online.target")));
      }
      if (!after.isEmpty()) {
        u.set("after", NixValue.strings(after));
      }
      u.comment("Only while " + dir + " is empty (or missing): never over data.")
          .set("unitConfig.ConditionDirectoryNotEmpty", NixValue.str("!" + dir))
          .set("serviceConfig", serviceConfig(repo, ctx, s, secrets))
          .set("environment", env.attrs())
          .set("path", NixValue.list(List.of(new NixValue.Ref("pkgs.restic"))))
          .set("script", new NixValue.Text(script));
      b.set(List.of("systemd", "services", unit(s.name())), u.attrs());
      comment.addAll(Headers.wrap(s.name() + ": " + dir + " from " + p.repository() + " (" + where + ")."));
    }
    if (b.isEmpty()) {
      return null;
    }
    List<dev.homelab.nix.Binding> all = new ArrayList<>(b.build());
    secrets.forEach(x -> all.add(ctx.sopsBinding(x)));
    List<String> intro = new ArrayList<>(Headers.wrap("Preseed: on first start with an empty data directory, each"
        + " service below gets its data back from the newest restic snapshot of this host before it starts."));
    intro.addAll(comment);
    return ctx.module("preseed.nix", "hosts/module.nix.ftl", intro, all);
  }

  /** A oneshot that stays done; the repository's credentials (S3, B2) as its environment file. */
  private static NixValue serviceConfig(Repository repo, HostContext ctx, EffectiveService s, List<String> secrets) {
    Bindings c = new Bindings().str("Type", "oneshot").bool("RemainAfterExit", true);
    if (repo.credentials() != null) {
      String creds = repo.credentials().name();
      read(ctx, secrets, creds, s, "the repository's credentials (env file)");
      c.set("EnvironmentFile", new NixValue.SecretPath(creds));
    }
    return c.attrs();
  }

  /** Records that a preseed unit reads a secret (listed once in the file's sops bindings). */
  private static void read(HostContext ctx, List<String> secrets, String secret, EffectiveService s, String hint) {
    ctx.useSecret(secret, null, null, "preseed of " + s.name(), hint);
    if (!secrets.contains(secret)) {
      secrets.add(secret);
    }
  }
}
