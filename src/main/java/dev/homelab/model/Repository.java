package dev.homelab.model;

import dev.homelab.model.constraints.AbsolutePath;
import dev.homelab.model.constraints.HostName;
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
    @AbsolutePath(example = "/backups/restic") String path,
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
   * A repository on another machine, reached over SSH with a key from a secret; when
   * {@code host} is a host of the spec, that host gets the SFTP-only account {@code user},
   * which accepts {@code publicKey} (the key's public half). pgBackRest checks the host key
   * against {@code fingerprint} (SHA-256, hex) when given.
   */
  public record Sftp(
      @NotNull(message = "an sftp repository needs `host`") @HostName String host,
      String user,
      @NotNull(message = "an sftp repository needs `path`") @AbsolutePath(example = "/srv/restic/forge") String path,
      @jakarta.validation.constraints.Min(value = 1, message = "a port is 1 – 65535")
      @jakarta.validation.constraints.Max(value = 65535, message = "a port is 1 – 65535") Integer port,
      @NotNull(message = "an sftp repository needs `key: { secret: NAME }`, the SSH private key") SecretRef key,
      @Pattern(regexp = "ssh-(ed25519|rsa) [A-Za-z0-9+/=]+( .*)?", message = "not an SSH public key (`ssh-ed25519 AAAA...`)")
          String publicKey,
      String fingerprint) {

    public Sftp {
      user = user == null ? "backup" : user;
    }

    /**
     * The host of the spec this repository lives on, or null: {@code host} is the host's
     * name, its name in the lab's domain ({@code nas-1.example.org}), or the address another
     * host's replication reaches it at.
     */
    public String specHost(Spec spec) {
      if (host == null) {
        return null;
      }
      for (String name : spec.hosts().keySet()) {
        if (host.equals(name) || spec.homelab() != null && host.equals(name + "." + spec.homelab().domain())) {
          return name;
        }
      }
      for (Host h : spec.hosts().values()) {
        if (h.replication() != null && host.equals(h.replication().address()) && spec.hosts().containsKey(h.replication().to())) {
          return h.replication().to();
        }
      }
      return null;
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
