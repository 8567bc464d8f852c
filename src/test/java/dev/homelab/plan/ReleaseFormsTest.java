package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kind writes the form of an option its lab's NixOS release has: Immich's vector extension
 * options exist in 25.11 only; Jellyseerr's module is services.seerr (unit seerr) from 26.05
 * on, its state kept where the datasets and backups expect it.
 */
class ReleaseFormsTest {

  @TempDir
  Path dir;

  private Map<String, String> render(String channel) {
    String spec = Specs.MINIMAL.replace("channel: nixos-26.05", "channel: " + channel)
        .replace("      immich: { tier: critical, claimed: true }\n",
            "      immich: { tier: critical, claimed: true }\n      jellyseerr: { tier: critical, claimed: true }\n");
    return Examples.render(Specs.write(dir, channel + ".yaml", spec));
  }

  @Test
  void immichChoosesItsVectorExtensionOnlyWhereTheReleaseHasTheOptions() {
    assertThat(render("nixos-25.05").get("hosts/nuc/services/immich.nix")).doesNotContain("enableVector");
    assertThat(render("nixos-25.11").get("hosts/nuc/services/immich.nix"))
        .contains("enableVectorChord = true;", "enableVectors = false;");
    assertThat(render("nixos-26.05").get("hosts/nuc/services/immich.nix")).doesNotContain("enableVector");
    assertThat(render("nixos-unstable").get("hosts/nuc/services/immich.nix")).doesNotContain("enableVector");
  }

  @Test
  void jellyseerrIsSeerrFrom2605OnWithItsStateWhereItWas() {
    String before = render("nixos-25.11").get("hosts/nuc/services/jellyseerr.nix");
    assertThat(before).contains("services.jellyseerr = {", "systemd.services.jellyseerr.environment.HOST = \"127.0.0.1\";")
        .doesNotContain("services.seerr", "StateDirectory");
    for (String channel : List.of("nixos-26.05", "nixos-unstable")) {
      String after = render(channel).get("hosts/nuc/services/jellyseerr.nix");
      assertThat(after).as(channel).contains("services.seerr = {", "configDir = \"/var/lib/jellyseerr/config\";",
          "systemd.services.seerr.environment.HOST = \"127.0.0.1\";",
          "systemd.services.seerr.serviceConfig.StateDirectory = lib.mkForce \"jellyseerr\";")
          .doesNotContain("services.jellyseerr", "systemd.services.jellyseerr");
    }
  }

  @Test
  void theBackupStopsTheUnitByItsNameInTheRelease() {
    // nuc-homelab's jellyseerr keeps SQLite on a dataset that restic backs up: the job stops it.
    Path nuc = Path.of("examples/nuc-homelab.yaml");
    assertThat(Examples.render(nuc, List.of("homelab.channel=nixos-25.11")).get("hosts/nuc/backups.nix"))
        .contains(" jellyseerr.service ").doesNotContain(" seerr.service");
    assertThat(Examples.render(nuc, List.of("homelab.channel=nixos-26.05")).get("hosts/nuc/backups.nix"))
        .contains(" seerr.service ").doesNotContain("jellyseerr.service");
  }
}
