package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import dev.homelab.testing.Trees;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What catalog kinds do on their first start and every start after: nothing the owner adds
 * in a web UI is deleted, no template or default login is left in place, and a site the
 * proxy serves answers through it.
 */
class KindFirstStartTest {

  @TempDir
  Path tmp;

  /** The small spec with {@code services} (YAML lines at the services' indentation) in place of Immich. */
  static String spec(String services, String secrets) {
    return Specs.MINIMAL.replace("      immich: { tier: critical, claimed: true }\n", services)
        + (secrets.isEmpty() ? "" : "secrets:\n" + secrets);
  }

  Map<String, String> gen(String text) {
    return Trees.snapshot(Cli.gen(tmp, text));
  }

  @Test
  void syncthingKeepsTheDevicesAndFoldersAddedInItsGui() {
    String nix = Examples.render(Path.of("examples/qgroget-server.yaml")).get("hosts/server/services/syncthing.nix");
    assertThat(nix).contains("overrideDevices = false;", "overrideFolders = false;");
  }

  @Test
  void syncthingInTheSpecsMeshHasExactlyTheDevicesAndFoldersOfTheSpec() {
    Map<String, String> out = Examples.render(Path.of("examples/three-tier.yaml"));
    assertThat(out.get("hosts/server/services/syncthing.nix")).doesNotContain("overrideDevices", "overrideFolders");
    assertThat(out.get("hosts/server/sync.nix")).contains("overrideDevices = true;", "overrideFolders = true;");
  }

  static final String AUTHELIA_SECRETS = "  authelia/jwt-secret: {}\n  authelia/storage-encryption-key: {}\n";

  @Test
  void autheliaWithoutLldapReadsItsUsersFromASecretItCannotReplaceWithItsTemplate() {
    Map<String, String> files = gen(spec("      authelia: { tier: critical }\n", AUTHELIA_SECRETS + "  authelia/users: {}\n"));
    String nix = files.get("hosts/nuc/services/authelia.nix");
    assertThat(nix).contains("file.path = config.sops.secrets.\"authelia/users\".path;", "password_reset.disable = true;",
        "sops.secrets.\"authelia/users\" = {\n    owner = \"authelia-main\";")
        .doesNotContain("users.yml\"", "ldap");
    assertThat(files.get("secrets/nuc.required.yaml")).contains("\n  users:\n    owner: authelia-main\n", "authelia crypto hash generate argon2");
  }

  @Test
  void autheliaWithoutLldapNeedsItsUsersSecret() {
    Path file = Specs.write(tmp, "lab.yaml", spec("      authelia: { tier: critical }\n", AUTHELIA_SECRETS));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("lab.yaml:26:17", "secret `authelia/users` is not declared",
        "declare it under `secrets:` (`authelia/users: {}`)");
  }

  @Test
  void autheliaWithLldapNeedsNoUsersFile() {
    String lldap = "      lldap: { tier: critical, settings: { baseDn: \"dc=example,dc=org\" } }\n";
    Map<String, String> files = gen(spec("      authelia: { tier: critical }\n" + lldap,
        AUTHELIA_SECRETS + "  authelia/ldap-password: {}\n  lldap/admin-password: {}\n  lldap/jwt-secret: {}\n"));
    assertThat(files.get("hosts/nuc/services/authelia.nix")).contains("implementation = \"lldap\";")
        .doesNotContain("authelia/users", "file.path");
  }

  /** The small spec with Ollama behind a proxy of {@code kind}. */
  static String ollama(String kind) {
    String proxy = kind.equals("caddy") ? ""
        : "      proxy: { kind: " + kind + ", tls: acme, acmeEmail: admin@example.org, dnsToken: { secret: dns } }\n";
    return spec("      ollama: { tier: critical }\n", "  dns: {}\n")
        .replace("      tailscale: true\n", "      tailscale: true\n" + proxy);
  }

  Map<String, String> genChecked(String text) {
    Map<String, String> files = gen(text);
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
    return files;
  }

  @Test
  void ollamaGetsItsOwnAddressAsTheHostHeaderFromCaddy() {
    String caddy = genChecked(ollama("caddy")).get("hosts/nuc/caddy.nix");
    assertThat(caddy).contains("reverse_proxy 127.0.0.1:11434 {\n            header_up Host {upstream_hostport}\n");
    // Other sites keep the visitor's Host.
    assertThat(caddy).containsOnlyOnce("header_up Host");
  }

  @Test
  void ollamaGetsItsOwnAddressAsTheHostHeaderFromTraefik() {
    String traefik = genChecked(ollama("traefik")).get("hosts/nuc/traefik.nix");
    int at = traefik.indexOf("ollama.loadBalancer");
    assertThat(at).as(traefik).isNotNegative();
    assertThat(traefik.substring(at, traefik.indexOf("};", at))).contains("passHostHeader = false;");
    assertThat(traefik).containsOnlyOnce("passHostHeader");
  }

  @Test
  void ollamaGetsItsOwnAddressAsTheOnlyHostHeaderFromNginx() {
    String nginx = genChecked(ollama("nginx")).get("hosts/nuc/nginx.nix");
    int at = nginx.indexOf("\"ollama.example.org\"");
    assertThat(at).as(nginx).isNotNegative();
    String site = nginx.substring(at, nginx.indexOf("\n    };\n", at));
    assertThat(site).contains("recommendedProxySettings = false;", "proxy_set_header Host $proxy_host;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", "proxy_set_header X-Forwarded-Proto $scheme;")
        .containsOnlyOnce("proxy_set_header Host");
    assertThat(nginx).containsOnlyOnce("recommendedProxySettings = false;");
  }

  @Test
  void servarrAppsBehindSingleSignOnTakeItAsTheirLogin() {
    Map<String, String> out = Examples.render(Path.of("examples/qgroget-server.yaml"));
    for (String kind : new String[] {"prowlarr", "radarr", "sonarr"}) {
      assertThat(out.get("hosts/server/services/" + kind + ".nix")).as(kind).contains("auth.method = \"External\";");
    }
  }

  @Test
  void servarrAppsWithoutSingleSignOnKeepTheirOwnLogin() {
    Map<String, String> files = gen(spec("      prowlarr: { tier: critical }\n      radarr: { tier: critical }\n", ""));
    assertThat(files.get("hosts/nuc/services/prowlarr.nix")).contains("bindaddress = \"127.0.0.1\";").doesNotContain("auth");
    assertThat(files.get("hosts/nuc/services/radarr.nix")).contains("bindaddress = \"127.0.0.1\";").doesNotContain("auth");
  }

  @Test
  void homepageListensOnLoopbackOnly() {
    String nix = Examples.render(Path.of("examples/qgroget-server.yaml")).get("hosts/server/services/homepage-dashboard.nix");
    assertThat(nix).contains("systemd.services.homepage-dashboard.environment.HOSTNAME = \"127.0.0.1\";")
        .doesNotContain("0.0.0.0");
  }

  @Test
  void mealieWithOidcTurnsPasswordSignInOff() {
    assertThat(Examples.render(Path.of("examples/forge.yaml")).get("hosts/forge/services/mealie.nix"))
        .contains("OIDC_AUTH_ENABLED = \"true\";", "ALLOW_PASSWORD_LOGIN = \"false\";");
    assertThat(gen(spec("      mealie: { tier: critical }\n", "")).get("hosts/nuc/services/mealie.nix"))
        .doesNotContain("ALLOW_PASSWORD_LOGIN", "OIDC_AUTH_ENABLED");
  }

  @Test
  void enclosedAsksForALoginFromItsSecretUsers() {
    Map<String, String> out = Examples.render(Path.of("examples/forge.yaml"));
    assertThat(out.get("hosts/forge/services/enclosed.nix")).contains("PUBLIC_IS_AUTHENTICATION_REQUIRED = \"true\";",
        "environmentFiles = [ config.sops.templates.\"enclosed.env\".path ];",
        "AUTHENTICATION_USERS=${config.sops.placeholder.\"enclosed/users\"}",
        "AUTHENTICATION_JWT_SECRET=${config.sops.placeholder.\"enclosed/jwt-secret\"}");
    assertThat(out.get("secrets/forge.required.yaml")).contains("email:bcrypt-hash pairs");
  }

  @Test
  void zigbee2mqttFrontendAsksForItsSecretToken() {
    Map<String, String> out = Examples.render(Path.of("examples/forge.yaml"));
    assertThat(out.get("hosts/forge/services/zigbee2mqtt.nix")).contains(
        "EnvironmentFile = [\n    config.sops.secrets.\"zigbee2mqtt/mqtt-env\".path\n"
            + "    config.sops.templates.\"zigbee2mqtt.env\".path\n  ];",
        "ZIGBEE2MQTT_CONFIG_FRONTEND_AUTH_TOKEN=${config.sops.placeholder.\"zigbee2mqtt/auth-token\"}");
  }

  @Test
  void zwaveJsUiLoginUsesSecretsInPlaceOfItsPublishedDefaults() {
    Map<String, String> files = genChecked(spec("      zwave-js-ui: { tier: critical }\n",
        "  zwave-js-ui/admin-password: {}\n  zwave-js-ui/session-secret: {}\n"));
    assertThat(files.get("hosts/nuc/services/zwave-js-ui.nix")).contains(
        "systemd.services.zwave-js-ui.serviceConfig.EnvironmentFile =\n    config.sops.templates.\"zwave-js-ui.env\".path;",
        "DEFAULT_PASSWORD=${config.sops.placeholder.\"zwave-js-ui/admin-password\"}",
        "SESSION_SECRET=${config.sops.placeholder.\"zwave-js-ui/session-secret\"}");
  }
}
