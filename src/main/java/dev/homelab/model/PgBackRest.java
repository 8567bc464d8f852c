package dev.homelab.model;

import dev.homelab.model.constraints.AbsolutePath;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * pgBackRest for the PostgreSQL cluster of every host that runs one: continuous WAL
 * archiving and full / differential backups into S3-compatible, local ({@code path}) or SFTP
 * repositories, instead of dumps taken before the restic jobs.
 */
public record PgBackRest(
    List<String> to,
    @NotNull(message = "pgBackRest needs `full`, the schedule of its full backups (e.g. `Sun 01:00`)") String full,
    String diff,
    @Min(value = 1, message = "keep at least 1 full backup") Integer keepFull,
    @AbsolutePath(example = "/pgbackrest") String path,
    @NotNull(message = "pgBackRest needs `credentials: { secret: NAME }`, an env file with its repositories' cipher passphrases (and S3 keys)")
    SecretRef credentials) {

  public PgBackRest {
    to = Maps.copy(to);
    keepFull = keepFull == null ? 4 : keepFull;
    path = path == null ? "/pgbackrest" : path;
  }
}
