package dev.homelab.model;

import dev.homelab.model.constraints.HostName;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * One host's deployment: whether the engine deploys it ({@code enable}, false for the machine
 * you sit at), where SSH reaches it ({@code targetHost}) and as whom ({@code targetUser}),
 * whether it builds its own system ({@code buildOnTarget}), colmena {@code tags}, and its
 * {@code phase} (default: after the hosts it sends backups and replicas to).
 */
public record DeployHost(
    Boolean enable,
    @HostName String targetHost,
    String targetUser,
    Boolean buildOnTarget,
    List<@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*", message = "a tag is letters, digits, `_` and `-`") String> tags,
    @Min(value = 1, message = "phases count from 1") Integer phase) {

  public DeployHost {
    enable = enable == null || enable;
    tags = Maps.copy(tags);
  }
}
