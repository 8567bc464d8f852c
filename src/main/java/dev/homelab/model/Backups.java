package dev.homelab.model;

import jakarta.validation.Valid;
import java.util.Map;

/** Restic repositories and the jobs that write to them. */
public record Backups(Map<String, @Valid Repository> repositories, Map<String, @Valid BackupJob> jobs) {

  public Backups {
    repositories = Maps.copy(repositories);
    jobs = Maps.copy(jobs);
  }
}
