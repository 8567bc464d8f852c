package dev.homelab.model;

import dev.homelab.model.constraints.HostName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * Syncoid replication of some of a host's datasets to another host of the spec: {@code to}
 * the receiving host, reached over SSH at {@code address} (default: its host name) as the
 * user {@code syncoid}; the copies land under {@code <pool>/backups/<source host>/} on the
 * target's {@code pool} (default: its only pool); {@code at} is a systemd calendar expression
 * (default {@code hourly}); {@code sshKey} the secret holding the sending side's private key.
 * {@code publicKey} (its public half) is authorized for {@code syncoid} on the target, and
 * {@code hostKey} (the target's SSH host key) is trusted on the source, when given.
 */
public record Replication(
    @NotBlank(message = "replication needs `to: HOST`, the host that receives the copies") String to,
    @HostName String address,
    String pool,
    @NotEmpty(message = "replication needs `datasets: [POOL/DATASET, ...]`, the datasets to copy") List<String> datasets,
    String at,
    @NotNull(message = "replication needs `sshKey: { secret: NAME }`, the secret holding the sending side's SSH key")
        SecretRef sshKey,
    @Pattern(regexp = "ssh-(ed25519|rsa) [A-Za-z0-9+/=]+( .*)?", message = "not an SSH public key (`ssh-ed25519 AAAA...`)")
        String publicKey,
    @Pattern(regexp = "ssh-(ed25519|rsa) [A-Za-z0-9+/=]+( .*)?", message = "not an SSH host public key (`ssh-ed25519 AAAA...`)")
        String hostKey) {

  public Replication {
    datasets = Maps.copy(datasets);
    at = at == null ? "hourly" : at;
  }
}
