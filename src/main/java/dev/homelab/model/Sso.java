package dev.homelab.model;

import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * Single sign-on in front of a service: the proxy asks the host's Authelia before passing a
 * request on (forward auth). {@code groups} limits it to members of those groups; empty
 * admits every signed-in user. {@code sso: true} is short for {@code { enable: true }}.
 */
public record Sso(
    Boolean enable,
    List<@Pattern(regexp = "[a-z][a-z0-9_-]*", message = "a group name is lowercase letters, digits, `_` and `-`") String> groups) {

  public Sso {
    enable = enable == null ? Boolean.TRUE : enable;
    groups = Maps.copy(groups);
  }
}
