package dev.homelab.model;

import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** One extra creation rule: files matching {@code pathRegex} are encrypted to these people and hosts. */
public record SopsRule(@NotBlank(message = "a sops rule needs `pathRegex`, the files it applies to") String pathRegex, List<String> admins, List<String> hosts) {

  public SopsRule {
    admins = Maps.copy(admins);
    hosts = Maps.copy(hosts);
  }
}
