package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gen warns when the dataset unit would leave a dropped property or dataset as it is. */
class DatasetDriftTest {

  @TempDir
  Path tmp;

  @Test
  void warnsWhenAPropertyOrADatasetLeavesTheSpec() throws Exception {
    String withRecordsize = Specs.MINIMAL.replace("vaultwarden: { quota: 2G }",
        "vaultwarden: { quota: 2G, compression: zstd }\n          scratch: { quota: 1G }");
    Path spec = Specs.write(tmp, "lab.yaml", withRecordsize);
    Path out = tmp.resolve("out");
    Cli.Run first = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
    assertThat(first.exit()).as(first.all()).isZero();
    assertThat(first.err()).doesNotContain("HL0510");

    Specs.write(tmp, "lab.yaml", Specs.MINIMAL);
    Cli.Run second = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
    assertThat(second.exit()).as(second.all()).isZero();
    assertThat(second.err())
        .contains("warning[HL0510]: `compression=zstd` of `tank/vaultwarden` is no longer in the spec")
        .contains("zfs inherit compression tank/vaultwarden")
        .contains("warning[HL0510]: dataset `tank/scratch` is no longer managed")
        .doesNotContain("refquota=2G");
    assertThat(Files.readString(out.resolve("hosts/nuc/datasets.nix"))).doesNotContain("compression=zstd");

    Cli.Run third = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
    assertThat(third.err()).doesNotContain("HL0510");
  }
}
