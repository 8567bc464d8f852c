package dev.homelab.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A backup repository: where ({@code path}, {@code sftp}, {@code s3}, {@code b2}, or a restic
 * {@code url}), the tool that writes it ({@code kind}: restic, or borg), the secret holding
 * its password, and for S3 and B2 the secret env file with the access keys.
 */
public record Repository(
    @Pattern(regexp = "restic|borg", message = "a repository is `restic` (the default) or `borg`") String kind,
    String path,
    String url,
    @Valid Sftp sftp,
    @Valid S3 s3,
    @Valid B2 b2,
    SecretRef credentials,
    @NotNull(message = "a repository needs `password: { secret: NAME }`") SecretRef password) {

  public Repository {
    kind = kind == null ? "restic" : kind;
  }

  /**
   * A repository on another machine, reached over SSH with a key from a secret; pgBackRest
   * checks the host key against {@code fingerprint} (SHA-256, hex) when given.
   */
  public record Sftp(
      @NotNull(message = "an sftp repository needs `host`") String host,
      String user,
      @NotNull(message = "an sftp repository needs `path`") String path,
      @jakarta.validation.constraints.Min(value = 1, message = "a port is 1 – 65535")
      @jakarta.validation.constraints.Max(value = 65535, message = "a port is 1 – 65535") Integer port,
      @NotNull(message = "an sftp repository needs `key: { secret: NAME }`, the SSH private key") SecretRef key,
      String fingerprint) {

    public Sftp {
      user = user == null ? "backup" : user;
    }
  }

  /** An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, ...). */
  public record S3(
      @NotNull(message = "an s3 repository needs `endpoint`, e.g. `https://ACCOUNT.r2.cloudflarestorage.com`") String endpoint,
      @NotNull(message = "an s3 repository needs `bucket`") String bucket,
      String path,
      String region) {}

  /** A Backblaze B2 bucket. */
  public record B2(@NotNull(message = "a b2 repository needs `bucket`") String bucket, String path) {}

  /** True for a restic repository. */
  public boolean restic() {
    return "restic".equals(kind);
  }
}
