package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's dataset holds its state: a kind that can be pointed at the dataset follows it,
 * one that cannot must get a dataset at its state directory (HL0397; the failing case is the
 * example of docs/errors/HL0397.md, checked by ErrorPagesTest).
 */
class DatasetHoldsStateTest {

  @TempDir
  Path dir;

  private Cli.Run validate(String services, String datasets) {
    String spec = Specs.MINIMAL.replace("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n" + datasets)
        .replace("      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical, claimed: true }\n" + services);
    assertThat(spec).contains(services);
    return Cli.run("validate", "-f", Specs.write(dir, "spec.yaml", spec).toString());
  }

  @Test
  void aKindThatCannotFollowItsDatasetIsRefusedAtItsDatasetKey() {
    Cli.Run run = validate("      jellyfin: { tier: critical, claimed: true, dataset: tank/media }\n",
        "          media: { mountpoint: /srv/media }\n");
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.all()).contains("error[HL0397]: `jellyfin` keeps its state in /var/lib/jellyfin, but its dataset `tank/media`",
        "spec.yaml:28:50");
  }

  @Test
  void aDatasetAtTheStateDirectoryOrAKindThatFollowsItIsFine() {
    assertThat(validate("      jellyfin: { tier: critical, claimed: true, dataset: tank/jellyfin }\n",
        "          jellyfin: {}\n").all()).doesNotContain("HL0397");
    // Plex's module takes its data directory: the dataset's mountpoint becomes it.
    assertThat(validate("      plex: { tier: critical, claimed: true, dataset: tank/media }\n",
        "          media: { mountpoint: /srv/media }\n").all()).doesNotContain("HL0397");
  }
}
