package dev.homelab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic fleet of the scaling benchmarks (src/bench/fleet-spec.sh), at 3 hosts of 5
 * services: a valid spec whose output parses and sets only catalogued options, like the
 * examples, so the benchmarks time a real run.
 */
public class FleetSpecTest {

  @TempDir
  Path tmp;

  public static String fleet(int hosts, int services) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "src/bench/fleet-spec.sh", String.valueOf(hosts), String.valueOf(services))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    return text;
  }

  /** The fleet of {@code hosts} x {@code services}, written to {@code dir}/fleet.yaml: its path. */
  public static Path write(Path dir, int hosts, int services) throws IOException, InterruptedException {
    return Files.writeString(dir.resolve("fleet.yaml"), fleet(hosts, services));
  }

  @Test
  void theSmallFleetValidatesGeneratesParsesAndSetsOnlyCataloguedOptions() throws Exception {
    String text = fleet(3, 5);
    Path spec = tmp.resolve("fleet.yaml");
    Files.writeString(spec, text);

    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    assertThat(validate.exit()).as(validate.all()).isZero();
    assertThat(validate.all()).contains("valid: 3 host(s), 15 service(s)").doesNotContain("error[");

    Path out = Cli.gen(tmp.resolve("gen"), text);
    for (String host : List.of("h001", "h002", "h003")) {
      assertThat(out.resolve("hosts/" + host)).isDirectory();
    }
    // What the generator says each host has: datasets, public exposure, backups, secrets.
    String h2 = Files.readString(out.resolve("hosts/h002/datasets.nix"));
    assertThat(h2).contains("tank/services/vaultwarden").contains("tank/services/audiobookshelf");
    assertThat(Files.readString(out.resolve("hosts/h002/tunnel.nix"))).contains("vaultwarden-h002.fleet.example.org");
    assertThat(Files.readString(out.resolve("hosts/h003/backups.nix"))).contains("/backups/restic");
    assertThat(Files.readString(out.resolve("hosts/h001/services/nextcloud.nix"))).contains("h001/nextcloud-admin").doesNotContain("h002/");

    List<Path> nix;
    try (Stream<Path> files = Files.walk(out)) {
      nix = files.filter(f -> f.toString().endsWith(".nix")).sorted().toList();
    }
    assertThat(nix).hasSizeGreaterThan(20);
    NixTool.require();
    List<String> unparsed = new ArrayList<>();
    for (Path f : nix) {
      NixTool.Result r = NixTool.parse(f);
      if (r.exit() != 0) {
        unparsed.add(out.relativize(f) + ": " + r.err());
      }
    }
    assertThat(unparsed).isEmpty();
    assertThat(OptionChecks.assertEveryOptionExists(spec)).isGreaterThan(300);
  }

  @Test
  void theGeneratorRefusesMoreServicesThanItHasKinds() throws Exception {
    Process p = new ProcessBuilder("bash", "src/bench/fleet-spec.sh", "1", "99").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(text).contains("at most 25 services per host");
  }
}
