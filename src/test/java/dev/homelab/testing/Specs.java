package dev.homelab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test specs: a minimal valid spec to start from, and writing fixtures to files. */
public final class Specs {

  /**
   * A small valid spec: one host with a pool and two services. Line numbers of this text
   * are stable; tests that append or replace lines assert positions relative to it.
   */
  public static final String MINIMAL = """
      homelab:
        name: lab
        domain: example.org
        timezone: Europe/Berlin
        channel: nixos-26.05
      admins:
        alice:
          sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey alice@laptop"]
          age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
      tiers:
        critical: { phase: 1 }
      hosts:
        nuc:
          stateVersion: "25.05"
          hostId: 8425e349
          network:
            lan: { interfaces: [enp1s0], ranges: [192.168.1.0/24] }
            tailscale: true
          storage:
            tank:
              size: 4T
              datasets:
                vaultwarden: { quota: 2G }
          services:
            vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }
            immich: { tier: critical, claimed: true }
      """;

  private Specs() {}

  /** Writes {@code text} to {@code dir/name} and returns the path. */
  public static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
