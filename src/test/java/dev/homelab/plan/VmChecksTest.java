package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The flake's VM checks: one {@code checks.<system>.<host>-services} per Linux server of each
 * example, whose test boots the host's modules with placeholder secrets and no pool, and waits
 * for each service's unit, port and health endpoint as its descriptor gives them.
 */
class VmChecksTest {

  private static final Pattern CHECK = Pattern.compile("([a-z0-9_]+-linux)\\.([A-Za-z0-9_-]+)-services = nixpkgs");

  static List<String> servers(Spec spec) {
    List<String> out = new ArrayList<>();
    spec.hosts().forEach((name, host) -> {
      if (host.role() == dev.homelab.model.Role.SERVER && host.system().endsWith("-linux")) {
        out.add(name);
      }
    });
    return out;
  }

  @TestFactory
  Stream<DynamicTest> oneCheckPerServerWaitingForEachService() {
    return Examples.all().stream().map(example -> DynamicTest.dynamicTest(Examples.name(example), () -> {
      Spec spec = Examples.check(example).spec();
      Map<String, String> out = Examples.render(example);
      String flake = out.get("flake.nix");
      List<String> checked = new ArrayList<>();
      Matcher m = CHECK.matcher(flake);
      while (m.find()) {
        checked.add(m.group(2));
        assertThat(m.group(1)).isEqualTo(spec.hosts().get(m.group(2)).system());
      }
      assertThat(checked).as("checks of " + example).containsExactlyElementsOf(servers(spec));
      for (String h : checked) {
        assertThat(flake).contains("imports = [ ./checks/" + h + " ];");
        assertThat(out.get("docs/README.md")).contains("`checks." + spec.hosts().get(h).system() + "." + h + "-services`");
        String test = out.get("checks/" + h + "/default.nix");
        String node = out.get("checks/" + h + "/node.nix");
        assertThat(test).contains("name = \"" + h + "-services\";", "nodes." + h + ".imports = [ ./node.nix ];",
            "node.pkgsReadOnly = false;", ".wait_for_unit(\"multi-user.target\")");
        Host host = spec.hosts().get(h);
        for (EffectiveService s : Effective.services(spec, h, host, ServiceCatalog.builtIn())) {
          if (!s.deployed()) {
            continue;
          }
          if (s.descriptor().isContainer() || s.spec().container() != null || s.spec().vpn() != null) {
            assertThat(test).contains("# not checked: " + s.name() + " (");
            continue;
          }
          // The unit by the name the lab's release gives it (Jellyseerr's is `seerr` from 26.05).
          String release = dev.homelab.catalog.Facts.release(spec.homelab().channel());
          assertThat(test).contains("wait_for_unit(\"" + s.descriptor().nameIn(s.descriptor().units().get(0), release) + ".service\")");
          if (s.descriptor().isHttp()) {
            assertThat(test).contains("wait_for_open_port(" + s.port() + ", \"127.0.0.1\")");
            if (s.descriptor().health() != null) {
              assertThat(test).contains("curl --fail --silent --show-error --max-time 10 http://127.0.0.1:" + s.port()
                  + s.descriptor().health() + "\")");
            }
          }
        }
        // Placeholders for every secret the host reads, never a value from anywhere else.
        String required = out.get("secrets/" + h + ".required.yaml");
        if (required != null) {
          assertThat(node).contains("sops.validateSopsFiles = false;", "sops.useSystemdActivation = lib.mkForce true;",
              "systemd.services.sops-install-secrets.enable = false;", "wantedBy = [ \"sysinit.target\" ];");
          for (String line : node.lines().filter(l -> l.trim().startsWith("echo ")).toList()) {
            assertThat(line.trim()).startsWith("echo placeholder > /run/secrets");
          }
        }
        if (!host.storage().isEmpty()) {
          assertThat(node).contains("boot.zfs.extraPools = lib.mkForce [ ];", "requires = lib.mkForce [ ];");
        }
      }
    }));
  }

  @Test
  void everySecretOfForgeGetsAPlaceholderAtSopsNixsPath() {
    Map<String, String> out = Examples.render(Path.of("examples/forge.yaml"));
    String node = out.get("checks/forge/node.nix");
    for (String secret : List.of("restic/password", "syncoid/ssh-key", "pocket-id/env", "cloudflared/credentials")) {
      assertThat(node).contains("/run/secrets/" + secret + "\n", "echo placeholder > /run/secrets/" + secret + "\n");
    }
    // syncoid reads its key as its own user, as sops-nix would give it.
    assertThat(node).contains("install -D -m 0400 -o syncoid /dev/null /run/secrets/syncoid/ssh-key");
    // A template gets its content with the placeholder for each secret's value.
    assertThat(node).contains("cat > /run/secrets/rendered/enclosed.env <<'HOMELAB_PLACEHOLDER'\n"
        + "      AUTHENTICATION_USERS=placeholder\n      AUTHENTICATION_JWT_SECRET=placeholder\n      HOMELAB_PLACEHOLDER\n");
    // Containers need their images: the VM has no network.
    assertThat(out.get("checks/forge/default.nix")).contains("# not checked: tdarr (", "# not checked: enclosed (")
        .doesNotContain("podman-tdarr");
    // Datasets' folders, with their owners, in place of the pool.
    assertThat(node).contains("install -d -m 2775 -o root -g media /data/media", "install -d -o sonarr -g sonarr /var/lib/sonarr");
  }

  @Test
  void aDesktopGetsNoCheck() {
    Map<String, String> out = Examples.render(Path.of("examples/qgroget-server.yaml"));
    assertThat(out.keySet()).contains("checks/server/default.nix").noneMatch(p -> p.startsWith("checks/clovis/")
        || p.startsWith("checks/cube/") || p.startsWith("checks/septimius/"));
  }
}
