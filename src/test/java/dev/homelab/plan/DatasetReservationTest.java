package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset's reservation and xattr reach the dataset unit; a wrong xattr is refused where it is written. */
class DatasetReservationTest {

  @TempDir
  Path tmp;

  @Test
  void reservationAndXattrAreApplied() throws Exception {
    String spec = Specs.MINIMAL.replace("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 2G, reservation: 1G, xattr: sa }");
    Path f = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", f.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(Files.readString(out.resolve("hosts/nuc/datasets.nix"))).containsPattern("ensure tank/vaultwarden .*reservation=1G")
        .containsPattern("ensure tank/vaultwarden .*xattr=sa");
  }

  @Test
  void anUnknownXattrIsRefused() {
    String spec = Specs.MINIMAL.replace("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 2G, xattr: fast }");
    Path f = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", f.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.all()).contains("`fast` is not a ZFS xattr mode", "lab.yaml:23:44");
  }
}
