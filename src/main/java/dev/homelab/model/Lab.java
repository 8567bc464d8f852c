package dev.homelab.model;

import dev.homelab.model.constraints.DomainName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Facts of the lab as a whole: its name, DNS domain, time zone and nixpkgs channel. */
public record Lab(
    @NotBlank(message = "the lab needs a name") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "a lab name is letters, digits, `.`, `_` and `-`") String name,
    @NotBlank(message = "the lab needs a DNS domain for its services")
        @DomainName String domain,
    @Pattern(regexp = "[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*", message = "not a time zone name such as `Europe/Berlin`") String timezone,
    @Pattern(regexp = "nixos-(\\d\\d\\.\\d\\d|unstable)|nixpkgs-unstable", message = "not a nixpkgs channel such as `nixos-26.05` or `nixos-unstable`") String channel) {

  public Lab {
    timezone = timezone == null ? "UTC" : timezone;
    channel = channel == null ? "nixos-unstable" : channel;
  }
}
