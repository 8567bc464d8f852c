package dev.homelab.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service with a preseed gets a oneshot unit that runs before the service's unit (which
 * requires it), after the dataset unit, only while the data directory is empty, and
 * restores that directory from the newest restic snapshot that holds it.
 */
class PreseedTest {

  static final String SPEC = Specs.MINIMAL.replace("vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }",
      "vaultwarden: { tier: critical, dataset: tank/vaultwarden, preseed: { from: restic, repository: local } }") + """
      secrets:
        restic: {}
      backups:
        repositories:
          local: { path: /backups/restic, password: { secret: restic } }
        jobs:
          nightly: { services: [vaultwarden], to: [local], at: "02:00" }
      """;

  @TempDir
  Path tmp;

  Path gen(String spec) {
    return Cli.gen(tmp, spec);
  }

  JsonNode unit(Path out) throws Exception {
    NixTool.require();
    Path eval = tmp.resolve("unit.nix");
    Files.writeString(eval, "(import " + out.resolve("hosts/nuc/preseed.nix")
        + " { pkgs = { restic = \"restic\"; }; config = { sops.secrets.restic.path = \"/run/secrets/restic\"; }; })"
        + ".systemd.services.preseed-vaultwarden\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void theRestoreRunsBeforeTheServiceAfterTheDatasetsAndOnlyOnAnEmptyDirectory() throws Exception {
    Path out = gen(SPEC);
    JsonNode u = unit(out);
    assertThat(u.get("before").toString()).isEqualTo("[\"vaultwarden.service\"]");
    assertThat(u.get("requiredBy").toString()).isEqualTo("[\"vaultwarden.service\"]");
    assertThat(u.get("after").toString()).isEqualTo("[\"homelab-datasets.service\"]");
    assertThat(u.get("requires").toString()).isEqualTo("[\"homelab-datasets.service\"]");
    assertThat(u.at("/unitConfig/ConditionDirectoryNotEmpty").asText()).isEqualTo("!/var/lib/vaultwarden");
    assertThat(u.at("/serviceConfig/Type").asText()).isEqualTo("oneshot");
    assertThat(u.at("/environment/RESTIC_REPOSITORY").asText()).isEqualTo("/backups/restic");
    assertThat(u.at("/environment/RESTIC_PASSWORD_FILE").asText()).isEqualTo("/run/secrets/restic");
    assertThat(Files.readString(out.resolve("hosts/nuc/default.nix"))).contains("./preseed.nix");
    assertThat(Files.readString(out.resolve("secrets/nuc.required.yaml"))).contains("preseed of vaultwarden");
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void theScriptRestoresTheNewestSnapshotOfTheDirectoryAndStartsEmptyWhenThereIsNone() throws Exception {
    Path out = gen(SPEC);
    String script = unit(out).get("script").asText();
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path restic = bin.resolve("restic");
    Files.writeString(restic, "#!/bin/sh\necho \"$*\" >> \"$LOG\"\n"
        + "if [ \"$1\" = snapshots ]; then cat \"$SNAPSHOTS\"; fi\n");
    Files.setPosixFilePermissions(restic, PosixFilePermissions.fromString("rwxr-xr-x"));

    Files.writeString(tmp.resolve("snapshots"), "[]");
    assertThat(run(script, bin)).isZero();
    assertThat(Files.readString(tmp.resolve("log"))).doesNotContain("restore");

    Files.delete(tmp.resolve("log"));
    Files.writeString(tmp.resolve("snapshots"), "[{\"id\":\"abc\"}]");
    assertThat(run(script, bin)).isZero();
    assertThat(Files.readString(tmp.resolve("log"))).contains(
        "snapshots --json --latest 1 --host nuc --path /var/lib/vaultwarden",
        "restore latest --host nuc --path /var/lib/vaultwarden --include /var/lib/vaultwarden --target /");
  }

  int run(String script, Path bin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("LOG", tmp.resolve("log").toString());
    pb.environment().put("SNAPSHOTS", tmp.resolve("snapshots").toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  @Test
  void anUnknownRepositoryIsALocatedErrorWithASuggestion() {
    Path file = Specs.write(tmp, "lab.yaml", SPEC.replace("repository: local }", "repository: locl }"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0396]", "lab.yaml:25:102", "unknown backup repository `locl`", "local");
  }
}
