package dev.homelab.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Sources;
import dev.homelab.testing.Sessions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the starter takes from its request and from the catalog. */
class StarterTest {

  private final Starter starter = new Starter(ServiceCatalog.builtIn(), new Sources());

  @Test
  void aFolderNameBecomesALabName() {
    assertThat(Starter.labName("my lab!")).isEqualTo("my-lab-");
    assertThat(Starter.labName("..hidden")).isEqualTo("hidden");
    assertThat(Starter.labName("___")).isEqualTo("homelab");
    assertThat(Starter.labName(null)).isEqualTo("homelab");
  }

  @Test
  void aSecretThatMattersOnlyBesideAnotherKindFollowsIt() {
    // Authelia reads its users file without LLDAP on the host, and LLDAP's password with it.
    assertThat(starter.secrets(List.of("authelia"))).contains("authelia/jwt-secret", "authelia/users")
        .doesNotContain("authelia/ldap-password");
    assertThat(starter.secrets(List.of("authelia", "lldap"))).contains("authelia/jwt-secret", "authelia/ldap-password")
        .doesNotContain("authelia/users");
  }

  @Test
  void aKindWithoutSecretsDeclaresNone() {
    assertThat(starter.secrets(List.of("jellyfin"))).isEmpty();
  }

  @Test
  void repeatedServicesAreTakenOnce() {
    List<String> kinds = starter.check(new Starter.Request("lab", "home.arpa", "nuc", List.of("immich", "jellyfin", "immich"), "26.05"));
    assertThat(starter.diagnostics().hasErrors()).isFalse();
    assertThat(kinds).containsExactly("immich", "jellyfin");
  }

  @Test
  void aSessionsInitNamesItsFolder() {
    assertThat(Sessions.initResolved("/s", List.of("init", "--host", "nuc", "lab", "--force")))
        .containsExactly("init", "--host", "nuc", "/s/lab", "--force");
    assertThatThrownBy(() -> Sessions.initResolved("/s", List.of("init", "--service", "immich")))
        .hasMessageContaining("names its folder");
  }
}
