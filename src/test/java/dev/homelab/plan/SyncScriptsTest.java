package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * usync and ustatus as Nix evaluates them from a generated sync.nix, run by bash under the
 * options writeShellApplication sets, against the fakes of {@code src/test/resources/fake-sync}
 * (xmllint, curl, git, nb, systemctl, id and a restic job's wrapper), which log every call.
 */
class SyncScriptsTest {

  @TempDir
  Path tmp;

  Path bin;
  Path log;
  String usync;
  String ustatus;

  static final String ID_ALPHA = "4SSFFJJ-BMJIN5E-QXQPQ6U-LCG7EVS-DRHMCSF-DKPLPHR-B6TBRBF-NGURCQH";
  static final String ID_BETA = "7BNW2AG-5GKMEFX-WRD6CDQ-GDRXKW4-2FAPMNQ-AB3O5CF-OO3P7LQ-VCMWKQZ";

  String spec() {
    return """
        homelab: { name: lab, domain: example.org }
        admins:
          alice: { sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey alice@alpha"] }
        tiers:
          sync: { backup: [daily] }
        hosts:
          alpha:
            stateVersion: "25.05"
            network: { lan: { interfaces: [eth0], ranges: [192.168.1.0/24] }, tailscale: true }
          beta:
            stateVersion: "25.05"
            network: { lan: { interfaces: [eth0], ranges: [192.168.1.0/24] }, tailscale: true, ssh: { port: 2222 } }
            services: { forgejo: {} }
        sync:
          syncthing:
            devices:
        """ + "      alpha: { id: " + ID_ALPHA + ", user: alice }\n      beta: { id: " + ID_BETA + " }\n" + """
            folders:
              docs: { hosts: [alpha, beta], path: TMP/docs, tier: sync }
              photos: { hosts: [alpha, beta], path: TMP/photos }
          git:
            notes: { nb: true, path: TMP/notes, hosts: [alpha], remote: { host: beta, repo: alice/notes } }
            code: { path: TMP/code, hosts: [alpha], remote: { host: beta, repo: alice/code } }
        secrets:
          restic: {}
        backups:
          repositories:
            local: { path: /backups/restic, password: { secret: restic } }
          jobs:
            daily: { to: [local], at: "02:00" }
        """.replace("TMP", tmp.resolve("home").toString());
  }

  @BeforeEach
  void generate() throws IOException {
    NixTool.require();
    bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : List.of("xmllint", "curl", "git", "nb", "systemctl", "id", "restic-daily")) {
      Path target = bin.resolve(tool);
      Files.copy(Path.of("src/test/resources/fake-sync", tool), target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    log = tmp.resolve("log");
    Path out = Cli.gen(tmp, spec());
    Path eval = tmp.resolve("eval.nix");
    Files.writeString(eval, "(import " + out.resolve("hosts/alpha/sync.nix") + " { pkgs = { writeShellApplication = a: a.text;"
        + " curl = null; libxml2 = null; git = null; nb = null; jq = null; }; }).environment.systemPackages\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    List<?> packages = new ObjectMapper().readValue(r.out(), List.class);
    usync = (String) packages.get(0);
    ustatus = (String) packages.get(1);
    assertThat(packages.get(2)).as("pkgs.nb, for the notebook").isNull();
  }

  record Run(int exit, String out, String err, List<String> log) {}

  Run run(String script, Map<String, String> env) throws IOException, InterruptedException {
    Files.deleteIfExists(log);
    Path file = tmp.resolve("script.sh");
    // As writeShellApplication writes it.
    Files.writeString(file, "#!/usr/bin/env bash\nset -o errexit\nset -o nounset\nset -o pipefail\n\n" + script);
    ProcessBuilder pb = new ProcessBuilder("bash", file.toString());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_SYNC_LOG", log.toString());
    pb.environment().putAll(env);
    pb.redirectError(tmp.resolve("stderr").toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, Files.readString(tmp.resolve("stderr")),
        Files.exists(log) ? Files.readAllLines(log) : List.of());
  }

  Map<String, String> env(String... pairs) {
    Map<String, String> m = new HashMap<>();
    m.put("FAKE_SYNC_APIKEY", "k3y");
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  String home(String name) {
    return tmp.resolve("home").resolve(name).toString();
  }

  @Test
  void usyncRescansEachFolderAndClonesWhatIsNotThereYet() throws Exception {
    Run r = run(usync, env());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.log()).contains(
        "xmllint --xpath string(configuration/gui/apikey) /home/alice/.config/syncthing/config.xml",
        "curl --fail --silent --show-error --request POST --header X-API-Key: k3y http://127.0.0.1:8384/rest/db/scan?folder=docs",
        "curl --fail --silent --show-error --request POST --header X-API-Key: k3y http://127.0.0.1:8384/rest/db/scan?folder=photos");
    // Beta's SSH port and Forgejo's user make the remote.
    assertThat(r.log()).anyMatch(l -> l.startsWith("git clone --quiet ssh://forgejo@beta:2222/alice/notes.git " + home("notes")))
        .anyMatch(l -> l.startsWith("git clone --quiet ssh://forgejo@beta:2222/alice/code.git " + home("code")))
        .noneMatch(l -> l.startsWith("nb "));
    assertThat(r.out()).contains("syncthing: docs: rescanning", "notes: cloning ssh://forgejo@beta:2222/alice/notes.git");
    assertThat(Path.of(home("notes"), ".git")).isDirectory();
  }

  @Test
  void usyncSyncsANotebookWithNbAndARepositoryWithGit() throws Exception {
    Files.createDirectories(Path.of(home("notes"), ".git"));
    Files.createDirectories(Path.of(home("code"), ".git"));
    Run r = run(usync, env());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.log()).contains("nb sync (in " + home("notes") + ")")
        .anyMatch(l -> l.startsWith("git -C " + home("code") + " pull --quiet --rebase --autostash "))
        .anyMatch(l -> l.startsWith("git -C " + home("code") + " push --quiet "));
    assertThat(r.log()).noneMatch(l -> l.startsWith("git clone"));
    assertThat(r.out()).contains("notes: in sync with ssh://forgejo@beta:2222/alice/notes.git",
        "code: in sync with ssh://forgejo@beta:2222/alice/code.git");
  }

  @Test
  void usyncGoesOnAfterAFailureAndExitsOne() throws Exception {
    Files.createDirectories(Path.of(home("code"), ".git"));
    Run r = run(usync, env("FAKE_CURL_FAIL", "folder=docs", "FAKE_GIT_FAIL", "push"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("syncthing: docs: Syncthing did not take the rescan", "code: sync failed");
    // The other folder and the other repository are still synced.
    assertThat(r.out()).contains("syncthing: photos: rescanning", "notes: cloning");
  }

  @Test
  void usyncWithoutTheApiKeySaysWhoCanReadIt() throws Exception {
    Map<String, String> env = env();
    env.remove("FAKE_SYNC_APIKEY");
    Run r = run(usync, env);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("cannot read the API key in /home/alice/.config/syncthing/config.xml: run usync as alice or with sudo");
    assertThat(r.log()).noneMatch(l -> l.startsWith("curl"));
    assertThat(r.out()).contains("notes: cloning");
  }

  @Test
  void ustatusShowsFoldersRepositoriesBackupsAndFailedUnits() throws Exception {
    Files.createDirectories(Path.of(home("notes"), ".git"));
    Run r = run(ustatus, env("FAKE_FAILED", "restic-backups-daily.service loaded failed failed"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("  docs: idle, 2 files to fetch, 0 errors", "  photos: idle, 2 files to fetch, 0 errors",
        "  notes: ## main...origin/main [ahead 1]", "  code: not cloned yet (usync clones it)",
        "  daily:", "    last snapshot: run ustatus with sudo to read the repository", "restic-backups-daily.timer",
        "Failed units:\n  restic-backups-daily.service loaded failed failed\n");
    assertThat(r.log()).contains("systemctl list-timers --all --no-pager restic-backups-daily.timer",
        "systemctl --failed --no-legend --plain --no-pager");
  }

  @Test
  void ustatusAsRootReadsTheLastSnapshot() throws Exception {
    Run r = run(ustatus, env("FAKE_UID", "0"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("    last snapshot: 1a2b3c4d  2026-12-04 01:30:12  alpha", "Failed units:\n  none\n");
    assertThat(r.log()).contains("restic-daily snapshots --latest 1 --compact");
  }
}
