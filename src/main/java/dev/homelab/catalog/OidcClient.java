package dev.homelab.catalog;

import java.util.List;

/**
 * How a kind signs users in through an OIDC provider, when the spec turns {@code oidc} on:
 * the redirect URIs to register at the provider ({@code callback}: a path on the service's
 * own address, or a whole URI such as an app scheme), who owns the client secret's file on
 * the host (when the service reads it itself), and lines for the file's header comment
 * ({@code note}, facts in braces; a line starting {@code "$ "} is a command, kept on one
 * line), such as a setup step no NixOS option covers. The options
 * themselves are blocks with {@code when: oidc}.
 */
public record OidcClient(List<String> callback, String secretOwner, List<String> note) {

  public OidcClient {
    callback = callback == null ? List.of() : List.copyOf(callback);
    note = note == null ? List.of() : List.copyOf(note);
  }
}
