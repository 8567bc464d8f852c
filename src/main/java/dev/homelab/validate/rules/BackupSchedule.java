package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Host;
import dev.homelab.model.Paths;
import dev.homelab.model.PgBackRest;
import dev.homelab.model.Repository;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import dev.homelab.validate.values.Addresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL0360: backups are well formed. A job runs at a time of day ({@code at: "02:00"}) or on a
 * systemd calendar expression ({@code schedule}, and {@code check}), not both (paths are
 * {@code @AbsolutePath} field constraints, HL0300); a repository says where it is in exactly one way, with the credentials its kind
 * needs; pgBackRest writes to S3, local or SFTP repositories (not B2 or restic URLs), never
 * shared with a job at a local or SFTP path; the S3 endpoint and the ntfy URL name a host
 * (DNS name, IPv4, or IPv6 in brackets) and a port from 1 to 65535, and the ntfy URL is https
 * when a token goes with it.
 */
public final class BackupSchedule implements Rule {

  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Pattern SHORTHAND = Pattern.compile("minutely|hourly|daily|weekly|monthly|quarterly|semiannually|semi-annually|yearly|annually");
  private static final Pattern DAY = Pattern.compile("(?i)mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday");
  private static final Pattern ZONE = Pattern.compile("UTC|[A-Z][A-Za-z_]+(/[A-Za-z_+-]+)+");
  private static final Pattern VALUE = Pattern.compile("([0-9]+)(\\.\\.([0-9]+))?(/([0-9]+))?");
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._@+-]+(/[A-Za-z0-9._@+-]+)*|/");
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]*");
  /** A URL's scheme and its {@code host[:port]}, checked by meaning ({@link Addresses#authorityProblem}). */
  private static final Pattern ENDPOINT = Pattern.compile("(https?://)?([^/?#\\s'\"`]+)");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern B2_BUCKET = Pattern.compile("[A-Za-z0-9-]{6,50}");
  private static final Pattern KEY_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
  private static final Pattern NTFY = Pattern.compile("(https?://)([^/?#\\s'\"`]+)(/[A-Za-z0-9._~-]+)+");

  /** Logins the modules of a host make, which an SFTP account must not take over. */
  private static final Set<String> RESERVED_USERS = Set.of("root", "nobody", "sshd", "syncoid", "sanoid", "postgres", "pgbackrest");

  /** Directories an SFTP repository may be below, never at. */
  private static final Set<String> SYSTEM_PATHS = Set.of("/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64",
      "/media", "/mnt", "/nix", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var",
      "/var/cache", "/var/lib", "/var/log", "/var/tmp");

  @Override
  public String id() {
    return "HL0360";
  }

  @Override
  public void check(RuleContext ctx) {
    var backups = ctx.spec().backups();
    for (Map.Entry<String, BackupJob> e : backups.jobs().entrySet()) {
      String path = SourceMap.child("backups.jobs", e.getKey());
      BackupJob job = e.getValue();
      if (job.hosts().isEmpty() && job.services().isEmpty() && !job.paths().isEmpty() && ctx.hosts().size() > 1) {
        ctx.errorAtKey(path, "backup job `" + e.getKey() + "` backs up paths but names no host",
            "add `hosts: [HOST]`: with several hosts, paths alone do not say where the job runs");
      }
      if (job.at() != null && job.schedule() != null) {
        ctx.error(SourceMap.child(path, "schedule"), "give `at` or `schedule`, not both", "keep one of them");
      }
      if (job.at() != null && !TIME.matcher(job.at()).matches()) {
        ctx.error(SourceMap.child(path, "at"), "`" + job.at() + "` is not a time of day", "write it as `HH:MM`, quoted: `at: \"02:00\"`");
      }
      calendar(ctx, SourceMap.child(path, "schedule"), job.schedule());
      calendar(ctx, SourceMap.child(path, "check"), job.check());
      if (job.check() != null) {
        for (int i = 0; i < job.to().size(); i++) {
          Repository repo = backups.repositories().get(job.to().get(i));
          if (repo != null && !repo.restic()) {
            ctx.error(SourceMap.child(path, "to") + "[" + i + "]", "`check` verifies restic repositories; `" + job.to().get(i) + "` is a borg one",
                "leave `check` out, or give the borg repository a job of its own");
          }
        }
      }
    }
    backups.repositories().forEach((name, repo) -> repository(ctx, SourceMap.child("backups.repositories", name), name, repo));
    PgBackRest pg = backups.pgbackrest();
    if (pg != null) {
      String path = "backups.pgbackrest";
      calendar(ctx, SourceMap.child(path, "full"), pg.full());
      calendar(ctx, SourceMap.child(path, "diff"), pg.diff());
      if (pg.to().isEmpty()) {
        ctx.errorAtKey(path, "pgBackRest has no repository",
            "add `to: [REPOSITORY]`, an `s3`, `path` or `sftp` repository under `backups.repositories`");
      }
      for (int i = 0; i < pg.to().size(); i++) {
        String at = SourceMap.child(path, "to") + "[" + i + "]";
        Repository repo = backups.repositories().get(pg.to().get(i));
        if (repo == null) {
          String hint = dev.homelab.diag.Suggest.didYouMean(pg.to().get(i), backups.repositories().keySet());
          ctx.error(at, "unknown backup repository `" + pg.to().get(i) + "`", hint != null ? hint : "declare it under `backups.repositories:`");
        } else if (repo.b2() != null || repo.url() != null) {
          ctx.error(at, "pgBackRest writes to S3-compatible, local (`path`) or `sftp` repositories; `" + pg.to().get(i) + "` is "
                  + (repo.b2() != null ? "a B2 one" : "a restic `url`"),
              repo.b2() != null ? "use B2's S3-compatible API: `s3: { endpoint: https://s3.REGION.backblazeb2.com, bucket }`"
                  : "name a repository with `s3`, `path` or `sftp`");
        } else if (repo.s3() == null) {
          for (Map.Entry<String, BackupJob> e : backups.jobs().entrySet()) {
            if (e.getValue().to().contains(pg.to().get(i))) {
              ctx.error(at, "`" + pg.to().get(i) + "` is also the repository of backup job `" + e.getKey() + "`",
                  "pgBackRest writes its own layout at a `path` or `sftp` repository's path: give it a repository of its own");
              break;
            }
          }
        }
      }
    }
    String ntfy = backups.onFailure() == null ? null : backups.onFailure().ntfy();
    if (ntfy != null) {
      Matcher m = NTFY.matcher(ntfy);
      String problem = !m.matches() ? "it is not `https://HOST/TOPIC`" : Addresses.authorityProblem(m.group(2));
      if (problem != null) {
        ctx.error("backups.onFailure.ntfy", "`" + ntfy + "` is not an ntfy topic URL: " + problem,
            "for example `https://ntfy.sh/my-lab-backups` (no query, quotes or spaces)");
      }
    }
    if (backups.onFailure() != null && backups.onFailure().token() != null) {
      if (ntfy == null) {
        ctx.error("backups.onFailure.token", "an ntfy `token` without an `ntfy` topic URL", "add `ntfy: https://HOST/TOPIC`, or leave `token` out");
      } else if (!ntfy.startsWith("https://")) {
        ctx.error("backups.onFailure.ntfy", "the ntfy token would be sent in clear text to `" + ntfy + "`",
            "use the server's https:// URL");
      }
    }
  }

  /**
   * A restic repository on a host of the spec: that host gets the SFTP account, which must
   * not be a login the spec or a module makes otherwise (root, an admin, syncoid, postgres, a
   * service's user), and the repository's directory, owned by it (mode 0700) at every boot:
   * never a system directory, a dataset's mountpoint or a service's data directory, nor
   * above one. Without {@code publicKey} the account accepts no key until local.nix adds one
   * (a warning: the repository's private key is a secret the spec cannot derive the public
   * half of).
   */
  private static void target(RuleContext ctx, String at, String name, Repository repo) {
    var s = repo.sftp();
    String host = s.specHost(ctx.spec());
    if (host == null || !repo.restic()) {
      return;
    }
    Host h = ctx.hosts().get(host);
    List<EffectiveService> services = ctx.services(host, h);
    if (RESERVED_USERS.contains(s.user()) || ctx.spec().admins().containsKey(s.user())) {
      ctx.error(SourceMap.child(at, "user"), "`" + s.user() + "` on `" + host + "` is a login of its own; the SFTP account of `"
          + name + "` would take it over", "name a user for the repository alone, such as `backup` (the default)");
      return;
    }
    for (EffectiveService service : services) {
      if (s.user().equals(service.descriptor().user())) {
        ctx.error(SourceMap.child(at, "user"), "`" + s.user() + "` on `" + host + "` is the user of service `" + service.name()
            + "`; the SFTP account of `" + name + "` would take it over", "name a user for the repository alone, such as `backup` (the default)");
        return;
      }
    }
    // The directory is given to the account (owner, mode 0700) at every boot, even an existing one.
    // Only a plain absolute path (@AbsolutePath reports the others) compares with others by its text.
    if (s.path() != null && PATH.matcher(s.path()).matches() && !s.path().matches(".*/\\.\\.?(/.*)?")) {
      String path = s.path();
      String hint = "give the repository a folder of its own below them, such as `/srv/restic/" + name + "`";
      if (SYSTEM_PATHS.contains(path)) {
        ctx.error(SourceMap.child(at, "path"), "`" + path + "` on `" + host + "` is a system directory; the SFTP account of `"
            + name + "` would own it (mode 0700)", hint);
        return;
      }
      for (String mountpoint : MountpointClash.mountpoints(ctx, host, h)) {
        if (Paths.isAtOrBelow(mountpoint, path)) {
          ctx.error(SourceMap.child(at, "path"), "`" + path + "` on `" + host + "` is " + (mountpoint.equals(path) ? "" : "above ")
              + "the mountpoint of a dataset (" + mountpoint + "); the SFTP account of `" + name + "` would own it (mode 0700)", hint);
          return;
        }
      }
      for (EffectiveService service : services) {
        String dir = service.descriptor().stateDir();
        if (dir != null && Paths.isAtOrBelow(dir, path)) {
          ctx.error(SourceMap.child(at, "path"), "`" + path + "` on `" + host + "` is " + (dir.equals(path) ? "" : "above ")
              + "the data directory of service `" + service.name() + "` (" + dir + "); the SFTP account of `" + name
              + "` would own it (mode 0700)", hint);
          return;
        }
      }
    }
    if (s.publicKey() == null) {
      ctx.warningAtKey(at, "`" + host + "` gets the SFTP account `" + s.user() + "` for `" + name + "` without a key: it accepts no login",
          "give `publicKey:` (the public half of `sftp.key`: ssh-keygen -y -f KEY), or authorize it in hosts/" + host + "/local.nix");
    }
  }

  private static void repository(RuleContext ctx, String path, String name, Repository repo) {
    List<String> where = new ArrayList<>();
    for (Object[] w : new Object[][] {{"path", repo.path()}, {"url", repo.url()}, {"sftp", repo.sftp()}, {"s3", repo.s3()}, {"b2", repo.b2()}}) {
      if (w[1] != null) {
        where.add((String) w[0]);
      }
    }
    if (where.size() != 1) {
      ctx.errorAtKey(path, "repository `" + name + "` needs exactly one of `path`, `sftp`, `s3`, `b2` and `url`"
              + (where.isEmpty() ? "" : "; it has " + String.join(", ", where)),
          "`path: /backups/restic` for a local folder, `sftp: { host, path, key }`, `s3: { endpoint, bucket }` or `b2: { bucket }` for a remote one");
      return;
    }
    if (!repo.restic() && (repo.url() != null || repo.s3() != null || repo.b2() != null)) {
      ctx.error(SourceMap.child(path, where.get(0)), "a borg repository is a local `path` or `sftp`", "use `path:` or `sftp: { host, path, key }`");
    }
    boolean needsCredentials = repo.s3() != null || repo.b2() != null;
    if (needsCredentials && repo.credentials() == null) {
      ctx.errorAtKey(path, "repository `" + name + "` needs `credentials: { secret: NAME }`",
          repo.s3() != null ? "an env file with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" : "an env file with B2_ACCOUNT_ID and B2_ACCOUNT_KEY");
    }
    if (repo.credentials() != null && (repo.path() != null || repo.sftp() != null)) {
      ctx.error(SourceMap.child(path, "credentials"), "a " + where.get(0) + " repository takes no `credentials`",
          repo.sftp() != null ? "its SSH key is `sftp.key`" : "leave `credentials` out");
    }
    if (repo.url() != null && !repo.url().matches("(sftp|s3|b2|azure|gs|rest|rclone|swift):[^\\s'\"`$\\\\]+")) {
      ctx.error(SourceMap.child(path, "url"), "`" + repo.url() + "` is not a restic repository URL",
          "for example `sftp:backup@nas:/restic` or `s3:s3.amazonaws.com/bucket`");
    }
    if (repo.sftp() != null) {
      String at = SourceMap.child(path, "sftp");
      var s = repo.sftp();
      matches(ctx, SourceMap.child(at, "user"), s.user(), USER, "is not a user name", "lowercase letters, digits, `_` and `-`");
      target(ctx, at, name, repo);
      matches(ctx, SourceMap.child(at, "fingerprint"), s.fingerprint(), Pattern.compile("[0-9a-f]{64}"), "is not a SHA-256 host key fingerprint",
          "64 hex digits: `awk '{print $2}' /etc/ssh/ssh_host_ed25519_key.pub | base64 -d | sha256sum` on the server");
    }
    if (repo.s3() != null) {
      String at = SourceMap.child(path, "s3");
      var s = repo.s3();
      if (s.endpoint() != null) {
        Matcher m = ENDPOINT.matcher(s.endpoint());
        String problem = !m.matches() ? "it is not a host with an optional scheme and port" : Addresses.authorityProblem(m.group(2));
        if (problem != null) {
          ctx.error(SourceMap.child(at, "endpoint"), "`" + s.endpoint() + "` is not an S3 endpoint: " + problem,
              "a host with an optional scheme and port: `https://ACCOUNT.r2.cloudflarestorage.com`, `s3.amazonaws.com`, `http://minio.lan:9000`");
        }
      }
      matches(ctx, SourceMap.child(at, "bucket"), s.bucket(), BUCKET, "is not a bucket name", "3 – 63 lowercase letters, digits, `.` and `-`");
      matches(ctx, SourceMap.child(at, "path"), s.path(), KEY_PATH, "is not a path inside the bucket", "relative, such as `forge/restic`");
      matches(ctx, SourceMap.child(at, "region"), s.region(), Pattern.compile("[a-z0-9-]+"), "is not a region", "such as `us-east-1`, or `auto` for R2");
    }
    if (repo.b2() != null) {
      String at = SourceMap.child(path, "b2");
      matches(ctx, SourceMap.child(at, "bucket"), repo.b2().bucket(), B2_BUCKET, "is not a B2 bucket name", "6 – 50 letters, digits and `-`");
      matches(ctx, SourceMap.child(at, "path"), repo.b2().path(), KEY_PATH, "is not a path inside the bucket", "relative, such as `lab/restic`");
    }
  }

  private static void matches(RuleContext ctx, String path, String value, Pattern p, String what, String hint) {
    if (value != null && !p.matcher(value).matches()) {
      ctx.error(path, "`" + value + "` " + what, hint);
    }
  }

  private static void calendar(RuleContext ctx, String path, String value) {
    if (value == null) {
      return;
    }
    String problem = calendarProblem(value);
    if (problem != null) {
      ctx.error(path, "`" + value + "` is not a systemd calendar expression: " + problem,
          "for example `daily`, `weekly`, `Sun 03:00`, `Mon..Fri 02:30` or `*-*-* 02:00:00` (see `systemd-analyze calendar`)");
    }
  }

  /**
   * Null when {@code s} is a systemd calendar event ({@code systemd.time(7)}): a shorthand, or
   * optional weekdays, an optional date {@code [YYYY-]MM-DD}, a time {@code HH:MM[:SS]} and an
   * optional time zone; each field {@code *} or a comma list of values, ranges {@code a..b}
   * and repetitions {@code /n}, within range. Otherwise what is wrong.
   */
  static String calendarProblem(String s) {
    if (SHORTHAND.matcher(s).matches()) {
      return null;
    }
    List<String> parts = new ArrayList<>(List.of(s.trim().split(" +")));
    if (s.isBlank() || !s.equals(s.trim())) {
      return "it is empty or has spaces around it";
    }
    if (ZONE.matcher(parts.get(parts.size() - 1)).matches() && parts.size() > 1 && !parts.get(parts.size() - 1).contains(":")) {
      parts.remove(parts.size() - 1);
    }
    int i = 0;
    if (i < parts.size() && Character.isLetter(parts.get(i).charAt(0))) {
      for (String item : parts.get(i).split(",", -1)) {
        String[] range = item.split("\\.\\.", -1);
        for (String d : range) {
          if (!DAY.matcher(d).matches() || range.length > 2) {
            return "`" + item + "` is not a weekday or a range of them (`Mon`, `Mon..Fri`)";
          }
        }
      }
      i++;
    }
    if (i < parts.size() && parts.get(i).contains("-") && !parts.get(i).contains(":")) {
      String[] date = parts.get(i).split("-", -1);
      if (date.length < 2 || date.length > 3) {
        return "`" + parts.get(i) + "` is not a date (`*-*-*`, `2025-01-31`, `*-*-01`)";
      }
      int[][] ranges = date.length == 3 ? new int[][] {{1970, 2199}, {1, 12}, {1, 31}} : new int[][] {{1, 12}, {1, 31}};
      for (int k = 0; k < date.length; k++) {
        String p = field(date[k], ranges[k][0], ranges[k][1]);
        if (p != null) {
          return p;
        }
      }
      i++;
    }
    if (i < parts.size()) {
      String[] time = parts.get(i).split(":", -1);
      if (time.length < 2 || time.length > 3) {
        return "`" + parts.get(i) + "` is not a time (`03:00`, `*:0/15`, `02:00:00`)";
      }
      for (int k = 0; k < time.length; k++) {
        String p = field(time[k], 0, k == 0 ? 23 : 59);
        if (p != null) {
          return p;
        }
      }
      i++;
    }
    if (i == 0) {
      return "it has no weekday, date or time";
    }
    if (i < parts.size()) {
      return "`" + parts.get(i) + "` is left over";
    }
    return null;
  }

  private static String field(String f, int min, int max) {
    if (f.equals("*") || f.matches("\\*/[0-9]+")) {
      return null;
    }
    for (String item : f.split(",", -1)) {
      Matcher m = VALUE.matcher(item);
      if (!m.matches()) {
        return "`" + f + "` is not `*`, a number, a range `a..b` or a repetition `a/n`";
      }
      for (int g : new int[] {1, 3}) {
        if (m.group(g) != null) {
          long v = Long.parseLong(m.group(g).length() > 6 ? "999999" : m.group(g));
          if (v < min || v > max) {
            return "`" + m.group(g) + "` is out of range (" + min + " – " + max + ")";
          }
        }
      }
    }
    return null;
  }
}
