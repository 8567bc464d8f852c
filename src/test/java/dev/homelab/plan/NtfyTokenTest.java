package dev.homelab.plan;

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
 * {@code onFailure: { ntfy, token }}: {@code homelab-notify@} sends the token as
 * {@code Authorization: Bearer}, read at run time from a sops template through curl's
 * {@code -H @file}, never written to the store or given on a command line.
 */
class NtfyTokenTest {

  static final String SPEC = Specs.MINIMAL + """
      secrets:
        restic: {}
        ntfy/token: {}
      backups:
        onFailure: { ntfy: https://ntfy.example.org/lab-backups, token: { secret: ntfy/token } }
        repositories:
          local: { path: /backups/restic, password: { secret: restic } }
        jobs:
          nightly: { services: [vaultwarden], to: [local], at: "02:00" }
      """;

  @TempDir
  Path tmp;

  Cli.Run run(String command, String spec) {
    Path file = Specs.write(tmp, "lab.yaml", spec);
    return command.equals("gen") ? Cli.run("gen", "-f", file.toString(), "-o", tmp.resolve("out").toString())
        : Cli.run(command, "-f", file.toString());
  }

  @Test
  void theTokenIsAHeaderFileThatCurlReadsAtRunTime() throws Exception {
    Cli.Run gen = run("gen", SPEC);
    assertThat(gen.exit()).as(gen.all()).isZero();
    Path out = tmp.resolve("out");
    NixTool.require();
    Path eval = tmp.resolve("eval.nix");
    Path header = tmp.resolve("auth-header");
    Files.writeString(header, "Authorization: Bearer tk_secret123\n");
    Files.writeString(eval, "let m = import " + out.resolve("hosts/nuc/backups.nix") + " {"
        + " pkgs = { curl = \"curl\"; };"
        + " config = { sops.secrets = { restic.path = \"/run/secrets/restic\"; \"ntfy/token\".path = \"/run/secrets/ntfy/token\"; };"
        + " sops.placeholder.\"ntfy/token\" = \"<ntfy/token>\";"
        + " sops.templates.homelab-notify-ntfy-auth.path = \"" + header + "\"; }; };"
        + " in { unit = m.systemd.services.\"homelab-notify@\"; templates = m.sops.templates; secrets = m.sops.secrets; }\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode v = new ObjectMapper().readTree(r.out());

    assertThat(v.at("/templates/homelab-notify-ntfy-auth/content").asText()).isEqualTo("Authorization: Bearer <ntfy/token>");
    assertThat(v.at("/secrets/ntfy~1token").toString()).isEqualTo("{}");
    JsonNode unit = v.get("unit");
    assertThat(unit.at("/environment/NTFY_AUTH_HEADER").asText()).isEqualTo(header.toString());
    String script = unit.get("script").asText();
    assertThat(script).contains("-H \"@$NTFY_AUTH_HEADER\"").doesNotContain("tk_", "Bearer");

    // Run the script against fake systemctl and curl: curl gets the header file's name, not the token.
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.writeString(bin.resolve("systemctl"), "#!/bin/sh\necho \"restic-backups-nightly.service - failed\"\nexit 3\n");
    Files.writeString(bin.resolve("curl"), "#!/bin/sh\nfor a in \"$@\"; do printf 'arg:%s\\n' \"$a\"; done\n"
        + "while [ $# -gt 0 ]; do case \"$1\" in -H) case \"$2\" in @*) cat \"${2#@}\";; esac; shift;; esac; shift; done\n");
    for (String tool : new String[] {"systemctl", "curl"}) {
      Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script, "notify", "restic-backups-nightly.service");
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("NTFY_AUTH_HEADER", header.toString());
    Process p = pb.start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(stdout).contains("arg:@" + header, "arg:https://ntfy.example.org/lab-backups",
        "arg:Title: restic-backups-nightly.service failed on nuc", "Authorization: Bearer tk_secret123");
    assertThat(stdout.lines().filter(l -> l.startsWith("arg:"))).noneMatch(l -> l.contains("tk_secret123"));

    assertThat(Files.readString(out.resolve("secrets/nuc.required.yaml"))).contains("ntfy:\n  token:\n    owner: root\n", "ntfy access token");
    assertThat(Files.readString(out.resolve("hosts/nuc/backups.nix"))).doesNotContain("tk_");
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void aTokenNeedsAnHttpsTopic() {
    Cli.Run noTopic = run("validate", SPEC.replace("ntfy: https://ntfy.example.org/lab-backups, ", ""));
    assertThat(noTopic.exit()).isEqualTo(1);
    assertThat(noTopic.all()).contains("lab.yaml:31:", "HL0360", "an ntfy `token` without an `ntfy` topic URL");
    Cli.Run clear = run("validate", SPEC.replace("https://ntfy.example.org", "http://ntfy.example.org"));
    assertThat(clear.exit()).isEqualTo(1);
    assertThat(clear.all()).contains("lab.yaml:31:", "HL0360", "would be sent in clear text");
    Cli.Run undeclared = run("validate", SPEC.replace("  ntfy/token: {}\n", ""));
    assertThat(undeclared.exit()).isEqualTo(1);
    assertThat(undeclared.all()).contains("ntfy/token");
  }
}
