package dev.homelab.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A warning the owner has looked at and accepts: its code, the spec path it is about (the
 * finding's own path or one above it: {@code hosts.forge} covers every finding under that
 * host), and why. Errors cannot be suppressed.
 */
public record Suppression(
    @NotNull(message = "a suppression names the finding's `code`, such as `HL0335`")
        @Pattern(regexp = "HL\\d{4}", message = "not a finding code such as `HL0335`") String code,
    @NotNull(message = "a suppression names the spec path it is about (`at: hosts.forge.services.plex`)")
        @Pattern(regexp = "\\S+", message = "not a spec path such as `hosts.forge.services.plex`") String at,
    @NotBlank(message = "a suppression says why the finding is accepted (`reason:`)") String reason) {

  /** True when a finding with this code about this spec path is the one suppressed. */
  public boolean covers(String findingCode, String findingPath) {
    return code.equals(findingCode) && findingPath != null
        && (findingPath.equals(at) || findingPath.startsWith(at + ".") || findingPath.startsWith(at + "["));
  }
}
