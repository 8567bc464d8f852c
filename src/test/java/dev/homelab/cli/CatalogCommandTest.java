package dev.homelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.testing.Cli;
import org.junit.jupiter.api.Test;

/** `homelab catalog` lists every kind; `catalog show KIND` prints one descriptor. */
class CatalogCommandTest {

  @Test
  void listsEveryKindWithItsPort() {
    Cli.Run run = Cli.run("catalog");
    assertThat(run.exit()).isZero();
    assertThat(run.out().lines()).hasSize(ServiceCatalog.builtIn().kinds().size());
    assertThat(run.out()).containsPattern("(?m)^immich +2283 +photo and video library$");
  }

  @Test
  void showPrintsTheDescriptorAndTheOptionsItSets() {
    Cli.Run run = Cli.run("catalog", "show", "nextcloud");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("port:          8080 (http)", "NixOS module services.nextcloud",
        "adminPassword", "services.nextcloud.config.adminpassFile", "services.nginx.virtualHosts.{fqdn}.listen",
        "client address: from X-Forwarded-For", "services.nextcloud.settings.trusted_proxies   (behind the proxy)");
  }

  @Test
  void showSaysWhereTheFirstAccountComesFromAndTheAdminPaths() {
    Cli.Run vaultwarden = Cli.run("catalog", "show", "vaultwarden");
    assertThat(vaultwarden.out()).contains(
        "first account: whoever reaches it first takes it: tailnet only until `claimed: true`, or provisioned by settings.adminEnv",
        "admin paths:   /admin (403 to public sources unless `publicAdmin: true`)");
    assertThat(Cli.run("catalog", "show", "keycloak").out()).contains("first account: from settings.adminPassword")
        .doesNotContain("admin paths:");
  }

  @Test
  void showSaysWhichReleaseRenamedTheKindsModule() {
    assertThat(Cli.run("catalog", "show", "jellyseerr").out())
        .contains("renamed:       services.seerr (unit seerr) from NixOS 26.05");
    assertThat(Cli.run("catalog", "show", "jellyfin").out()).doesNotContain("renamed:");
  }

  @Test
  void showOfAnUnknownKindIsAUsageErrorWithASuggestion() {
    Cli.Run run = Cli.run("catalog", "show", "nextclod");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("did you mean `nextcloud`?");
  }
}
