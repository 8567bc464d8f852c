package dev.homelab.model;

import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Backup repositories, the jobs that write to them, pgBackRest for PostgreSQL and where
 * failures are reported.
 */
public record Backups(
    Map<String, @Valid Repository> repositories,
    Map<String, @Valid BackupJob> jobs,
    @Valid PgBackRest pgbackrest,
    @Valid Notify onFailure) {

  public Backups {
    repositories = Maps.copy(repositories);
    jobs = Maps.copy(jobs);
  }

  /** Every secret reference under {@code backups}, by spec path. */
  public Map<String, SecretRef> secretRefs() {
    Map<String, SecretRef> out = new LinkedHashMap<>();
    repositories.forEach((name, repo) -> {
      String at = "backups.repositories." + name;
      out.put(at + ".password", repo.password());
      if (repo.credentials() != null) {
        out.put(at + ".credentials", repo.credentials());
      }
      if (repo.sftp() != null && repo.sftp().key() != null) {
        out.put(at + ".sftp.key", repo.sftp().key());
      }
    });
    if (onFailure != null && onFailure.token() != null) {
      out.put("backups.onFailure.token", onFailure.token());
    }
    if (pgbackrest != null && pgbackrest.credentials() != null) {
      out.put("backups.pgbackrest.credentials", pgbackrest.credentials());
    }
    return out;
  }
}
