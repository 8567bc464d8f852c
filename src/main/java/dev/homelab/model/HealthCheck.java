package dev.homelab.model;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A custom container's health check: the command podman runs inside it, how often, and how
 * many failures in a row make it unhealthy.
 */
public record HealthCheck(
    @NotBlank(message = "a health check needs its `command`, run inside the container (e.g. `curl -fs http://localhost:3000/`)")
        @Pattern(regexp = "[^\\n]*", message = "a health check command is one line")
        String command,
    @Pattern(regexp = "[0-9]+(ms|s|m|h)", message = "an interval is a number with ms, s, m or h (`30s`)") String interval,
    @Min(value = 1, message = "retries is at least 1") Integer retries,
    @Pattern(regexp = "[0-9]+(ms|s|m|h)", message = "a start period is a number with ms, s, m or h (`1m`)") String startPeriod) {

  public HealthCheck {
    interval = interval == null ? "30s" : interval;
    retries = retries == null ? 3 : retries;
  }
}
