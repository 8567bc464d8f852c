package dev.homelab.catalog;

import dev.homelab.model.Named;

/**
 * What a service's data looks like to ZFS, and the recordsize that suits it: SQLite and
 * PostgreSQL write pages of 4K and 8K at random (a small record avoids rewriting a large one
 * for each page), media files are large and written once. A dataset the spec gives no
 * {@code recordsize} takes its service's workload default. SQLite databases are also what a
 * backup must not read while the service writes them: restic and Borg jobs stop the units of
 * a {@code sqlite} service for the time they read its data.
 */
public enum Workload implements Named {
  SQLITE("sqlite", "16K", "SQLite databases"),
  POSTGRESQL("postgresql", "8K", "the PostgreSQL cluster"),
  MEDIA("media", "1M", "large media files"),
  DEFAULT("default", null, "mixed files");

  private final String wire;
  private final String recordsize;
  private final String holds;

  Workload(String wire, String recordsize, String holds) {
    this.wire = wire;
    this.recordsize = recordsize;
    this.holds = holds;
  }

  @Override
  public String wire() {
    return wire;
  }

  /** The recordsize for this workload; null to inherit (ZFS's 128K). */
  public String recordsize() {
    return recordsize;
  }

  /** What the data is, for comments ("the default for radarr's SQLite databases"). */
  public String holds() {
    return holds;
  }
}
