package dev.homelab.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A repository on a Forgejo service of the spec: the host, the service (its name on that
 * host; default {@code forgejo}) and the repository ({@code owner/name}).
 */
public record GitRemote(
    @NotBlank(message = "a remote names the `host` whose Forgejo keeps the repository") String host,
    String service,
    @NotBlank(message = "a remote names its `repo`, `owner/name`")
        @Pattern(regexp = "[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", message = "a repository is `owner/name`, such as `sam/notes`")
        String repo) {

  public GitRemote {
    service = service == null ? "forgejo" : service;
  }
}
