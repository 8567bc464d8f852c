package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.BackupJob;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HL0360: a backup job runs at a time of day ({@code at: "02:00"}) or on a systemd calendar
 * expression ({@code schedule}), not both; paths are absolute.
 */
public final class BackupSchedule implements Rule {

  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Pattern SHORTHAND = Pattern.compile("minutely|hourly|daily|weekly|monthly|quarterly|semiannually|yearly|annually");
  /** The shape of a calendar event: weekday list, date and time made of calendar characters only. */
  private static final Pattern CALENDAR = Pattern.compile(
      "((Mon|Tue|Wed|Thu|Fri|Sat|Sun)([.,][.]?(Mon|Tue|Wed|Thu|Fri|Sat|Sun))* )?"
          + "([0-9*./,~-]+ )?[0-9*./,:]+( [A-Za-z_/+-]+)?");
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._@+-]+(/[A-Za-z0-9._@+-]+)*/?|/");

  @Override
  public String id() {
    return "HL0360";
  }

  @Override
  public void check(RuleContext ctx) {
    for (Map.Entry<String, BackupJob> e : ctx.spec().backups().jobs().entrySet()) {
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
      if (job.schedule() != null && !SHORTHAND.matcher(job.schedule()).matches() && !CALENDAR.matcher(job.schedule()).matches()) {
        ctx.error(SourceMap.child(path, "schedule"), "`" + job.schedule() + "` is not a systemd calendar expression",
            "for example `daily`, `Sun 03:00` or `*-*-* 02:00:00` (see `systemd-analyze calendar`)");
      }
      for (int i = 0; i < job.paths().size(); i++) {
        absolute(ctx, SourceMap.child(path, "paths") + "[" + i + "]", job.paths().get(i));
      }
      for (int i = 0; i < job.exclude().size(); i++) {
        absolute(ctx, SourceMap.child(path, "exclude") + "[" + i + "]", job.exclude().get(i));
      }
    }
    ctx.spec().backups().repositories().forEach((name, repo) -> {
      String path = SourceMap.child("backups.repositories", name);
      if ((repo.path() == null) == (repo.url() == null)) {
        ctx.errorAtKey(path, "repository `" + name + "` needs exactly one of `path` and `url`",
            "`path: /backups/restic` for a local folder, `url: s3:...` or `sftp:...` for a remote one");
      }
      if (repo.path() != null) {
        absolute(ctx, SourceMap.child(path, "path"), repo.path());
      }
      if (repo.url() != null && !repo.url().matches("(sftp|s3|b2|azure|gs|rest|rclone|swift):[^\\s'\"`$\\\\]+")) {
        ctx.error(SourceMap.child(path, "url"), "`" + repo.url() + "` is not a restic repository URL",
            "for example `sftp:backup@nas:/restic` or `s3:s3.amazonaws.com/bucket`");
      }
    });
  }

  static void absolute(RuleContext ctx, String path, String value) {
    if (!PATH.matcher(value).matches() || value.contains("/../") || value.endsWith("/..")) {
      ctx.error(path, "`" + value + "` is not an absolute path", "use a path such as `/data/photos` (letters, digits, `._@+-`)");
    }
  }
}
