package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import dev.homelab.testing.Specs;
import dev.homelab.testing.Trees;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What catalog kinds do on their first start and every start after: nothing the owner adds
 * in a web UI is deleted, no template or default login is left in place, and a site the
 * proxy serves answers through it.
 */
class KindFirstStartTest {

  @TempDir
  Path tmp;

  /** The small spec with {@code services} (YAML lines at the services' indentation) in place of Immich. */
  static String spec(String services, String secrets) {
    return Specs.MINIMAL.replace("      immich: { tier: critical, claimed: true }\n", services)
        + (secrets.isEmpty() ? "" : "secrets:\n" + secrets);
  }

  Map<String, String> gen(String text) {
    return Trees.snapshot(Cli.gen(tmp, text));
  }

  @Test
  void syncthingKeepsTheDevicesAndFoldersAddedInItsGui() {
    String nix = Examples.render(Path.of("examples/three-tier.yaml")).get("hosts/server/services/syncthing.nix");
    assertThat(nix).contains("overrideDevices = false;", "overrideFolders = false;");
  }
}
