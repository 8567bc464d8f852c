package dev.homelab.model;

import dev.homelab.model.constraints.AbsolutePath;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * A backup job: what to back up (paths, services and the services of tiers whose
 * {@code backup} names the job), where to, when ({@code at: "02:00"} or a systemd
 * {@code schedule}), what to keep and when to verify the repository ({@code check}).
 * Services with a PostgreSQL database are dumped into {@code dumps} (default
 * {@code /var/backup/postgresql}) right before each run, and the dumps are backed up instead
 * of the live database files (unless {@code backups.pgbackrest} backs the cluster up).
 * Around each run: the units of {@code stop} (services by name, or their units) stop and start
 * again after it, also when it fails; {@code preBackup} runs before them, {@code postBackup}
 * after. {@code priority} orders the jobs of a host that are due at once (lower first);
 * {@code idle} runs the job at idle CPU and I/O priority.
 */
public record BackupJob(
    List<String> hosts,
    List<String> services,
    List<@AbsolutePath String> paths,
    List<@AbsolutePath String> exclude,
    List<String> to,
    String at,
    String schedule,
    @Valid Retention keep,
    String check,
    @AbsolutePath(example = "/var/backup/postgresql") String dumps,
    List<String> stop,
    String preBackup,
    String postBackup,
    @Min(value = 0, message = "a job's `priority` is 0 or more; lower runs first") Integer priority,
    Boolean idle) {

  public BackupJob {
    hosts = Maps.copy(hosts);
    services = Maps.copy(services);
    paths = Maps.copy(paths);
    exclude = Maps.copy(exclude);
    to = Maps.copy(to);
    dumps = dumps == null ? "/var/backup/postgresql" : dumps;
    stop = Maps.copy(stop);
    idle = idle != null && idle;
  }
}
