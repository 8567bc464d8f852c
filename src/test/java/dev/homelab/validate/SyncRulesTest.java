package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.SpecException;
import dev.homelab.testing.Specs;
import dev.homelab.validate.rules.SyncDevices;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync rules' findings beyond their fixtures (RuleFixtures.SYNCING is the valid base). */
class SyncRulesTest {

  @TempDir
  Path dir;

  static final String BASE = RuleFixtures.SYNCING;

  private List<Diagnostic> findings(String text) {
    Path file = Specs.write(dir, "spec.yaml", text);
    try {
      return new Pipeline(ServiceCatalog.builtIn()).check(List.of(file), List.of()).warnings().sorted();
    } catch (SpecException e) {
      return e.diagnostics().sorted();
    }
  }

  private List<String> messages(String text, String code) {
    return findings(text).stream().filter(d -> d.code().equals(code)).map(Diagnostic::message).toList();
  }

  @Test
  void theBaseIsValid() {
    assertThat(findings(BASE)).isEmpty();
  }

  @Test
  void aDarwinHostInAFolderIsRefused() {
    String darwin = BASE.replace("  pc:\n    stateVersion: \"25.05\"\n", "  pc:\n    system: aarch64-darwin\n    stateVersion: \"25.05\"\n");
    assertThat(messages(darwin, "HL0442")).containsExactly(
        "`pc` is a darwin host: nix-darwin has no `services.syncthing` module", "`pc` is a darwin host: usync is built for NixOS hosts");
  }

  @Test
  void aDeviceCannotRunAsAPersonWhereTheSyncthingServiceRuns() {
    String both = BASE.replace("      forgejo: { tier: critical }\n", "      forgejo: { tier: critical }\n      syncthing: { tier: critical }\n")
        .replace("      nuc: { id: " + RuleFixtures.DEVICE_NUC + " }", "      nuc: { id: " + RuleFixtures.DEVICE_NUC + ", user: alice }")
        + "secrets:\n  syncthing/gui-password: { owner: syncthing }\n";
    assertThat(messages(both, "HL0441")).containsExactly("`nuc` runs the `syncthing` service, which runs Syncthing as its own user:"
        + " the device cannot run as `alice`");
  }

  @Test
  void twoHostsCannotShareADeviceId() {
    String twice = BASE.replace(RuleFixtures.DEVICE_PC, RuleFixtures.DEVICE_NUC);
    assertThat(messages(twice, "HL0441")).containsExactly("hosts `nuc` and `pc` have the same device id");
  }

  @Test
  void aFolderOfOneHostAndAPersonTheSpecLacks() {
    assertThat(messages(BASE.replace("hosts: [nuc, pc], path", "hosts: [pc], path"), "HL0442"))
        .containsExactly("folder `documents` is shared with no other host");
    assertThat(messages(BASE.replace("user: alice }", "user: alise }"), "HL0440")).containsExactly("unknown person `alise`");
    assertThat(messages(BASE.replace("documents: { hosts", "documents: { tier: sinc, hosts"), "HL0440"))
        .containsExactly("unknown tier `sinc`");
  }

  @Test
  void hostsOfAFolderThatShareNoNetworkAreWarnedAbout() {
    String apart = BASE.replace("network: { lan: { interfaces: [eno1], ranges: [192.168.1.0/24] }, tailscale: true }",
        "network: { lan: { interfaces: [eno1], ranges: [10.0.0.0/24] }, tailscale: false }");
    List<Diagnostic> found = findings(apart).stream().filter(d -> d.code().equals("HL0442")).toList();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).severity()).isEqualTo(dev.homelab.diag.Severity.WARNING);
    assertThat(found.get(0).message()).isEqualTo("`nuc` and `pc` share folder `documents` but no network: neither both are on"
        + " the tailnet nor do they share a LAN range, and their devices give no address");
    // An address the other can dial settles it.
    assertThat(messages(apart.replace("      nuc: { id: " + RuleFixtures.DEVICE_NUC + " }",
        "      nuc: { id: " + RuleFixtures.DEVICE_NUC + ", addresses: [\"tcp://nuc.example.org:22000\"] }"), "HL0442")).isEmpty();
  }

  @Test
  void aRemoteNamingAServiceThatIsNoForgejo() {
    assertThat(messages(BASE.replace("remote: { host: nuc,", "remote: { host: nuc, service: immich,"), "HL0442"))
        .containsExactly("`immich` on `nuc` is not a Forgejo (kind `immich`): the remote is a repository on a Forgejo service");
  }

  @Test
  void twoFoldersAtOnePathAndAPathWithADotDot() {
    String two = BASE.replace("      documents: { hosts: [nuc, pc], path: ~/Documents }\n",
        "      documents: { hosts: [nuc, pc], path: ~/Documents }\n      papers: { hosts: [nuc, pc], path: ~/Documents/papers }\n");
    assertThat(messages(two, "HL0443")).containsExactly(
        "folder `papers` on `nuc` (/var/lib/syncthing/Documents/papers) is inside folder `documents` (/var/lib/syncthing/Documents)",
        "folder `papers` on `pc` (/home/alice/Documents/papers) is inside folder `documents` (/home/alice/Documents)");
    assertThat(messages(BASE.replace("path: ~/Documents", "path: ~/../Documents"), "HL0443"))
        .containsExactly("`~/../Documents` is not a plain absolute path: it has a `..` part");
  }

  @Test
  void deviceIdCheckCharacters() {
    // Syncthing's own examples.
    assertThat(SyncDevices.checks("MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD")).isTrue();
    assertThat(SyncDevices.checks("7CFNTQM-IMTJBHJ-3UWRDIU-ZGQJFR6-VCXZ3NB-XUH3KZO-N52ITXR-LAIYUAU")).isTrue();
    assertThat(SyncDevices.checks("MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAE")).isFalse();
    assertThat(SyncDevices.checks("MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWA")).isFalse();
  }
}
