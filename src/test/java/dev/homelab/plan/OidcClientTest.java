package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services with `oidc` sign in through the host's Pocket ID: the issuer and its endpoints in
 * their options, the client secret only as a sops path or placeholder, the redirect URIs in
 * the file's header, and the secret in required.yaml.
 */
class OidcClientTest {

  @TempDir
  Path tmp;

  static final String SPEC = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
      "    immich: { tier: critical, claimed: true, oidc: true }\n"
          + "      pocket-id: { tier: critical }\n"
          + "      grafana: { tier: critical, oidc: { clientId: grafana-lab } }\n"
          + "      mealie: { oidc: true }\n"
          + "      open-webui: { oidc: true }\n"
          + "      paperless: { port: 8001, oidc: true }\n"
          + "      forgejo: { port: 3001, oidc: true }")
      + "secrets:\n  pocket-id/env: {}\n  grafana/env: {}\n  paperless/admin-password: {}\n"
      + "  immich/oidc-client-secret: {}\n  grafana/oidc-client-secret: {}\n  mealie/oidc-client-secret: {}\n"
      + "  open-webui/oidc-client-secret: {}\n  paperless/oidc-client-secret: {}\n  forgejo/oidc-client-secret: {}\n";

  @Test
  void servicesSignInThroughPocketIdWithoutASecretInTheStore() throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", SPEC);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    Path services = out.resolve("hosts/nuc/services");

    String grafana = Files.readString(services.resolve("grafana.nix"));
    assertThat(grafana).contains("\"auth.generic_oauth\" = {", "client_id = \"grafana-lab\";",
        "auth_url = \"https://id.example.org/authorize\";",
        "token_url = \"https://id.example.org/api/oidc/token\";",
        "api_url = \"https://id.example.org/api/oidc/userinfo\";",
        "client_secret = \"$__file{${config.sops.secrets.\"grafana/oidc-client-secret\".path}}\";",
        "#   https://grafana.example.org/login/generic_oauth");
    assertThat(grafana).contains("sops.secrets.\"grafana/oidc-client-secret\" = {\n    owner = \"grafana\";");

    String immich = Files.readString(services.resolve("immich.nix"));
    assertThat(immich).contains("issuerUrl = \"https://id.example.org\";", "clientId = \"immich\";",
        "clientSecret._secret = config.sops.secrets.\"immich/oidc-client-secret\".path;",
        "#   https://photos.example.org/auth/login", "#   https://photos.example.org/user-settings",
        "#   app.immich:///oauth-callback");

    String mealie = Files.readString(services.resolve("mealie.nix"));
    assertThat(mealie).contains("OIDC_CONFIGURATION_URL = \"https://id.example.org/.well-known/openid-configuration\";",
        "credentialsFile = config.sops.templates.\"mealie.env\".path;",
        "content = ''\n    OIDC_CLIENT_SECRET=${config.sops.placeholder.\"mealie/oidc-client-secret\"}\n  '';");
    assertThat(Files.readString(services.resolve("open-webui.nix")))
        .contains("EnvironmentFile =", "config.sops.templates.\"open-webui.env\".path;");
    assertThat(Files.readString(services.resolve("paperless.nix")))
        .contains("environmentFile = config.sops.templates.\"paperless.env\".path;",
            "#   https://docs.example.org/accounts/oidc/pocket-id/login/callback/");
    assertThat(Files.readString(services.resolve("forgejo.nix")))
        .contains("ENABLE_AUTO_REGISTRATION = true;", "admin auth add-oauth --name pocket-id",
            "#   https://git.example.org/user/oauth2/pocket-id/callback");

    String required = Files.readString(out.resolve("secrets/nuc.required.yaml"));
    assertThat(required.split("  oidc-client-secret:", -1)).hasSize(7);
    for (String id : new String[] {"grafana-lab", "immich", "mealie", "open-webui", "paperless", "forgejo"}) {
      assertThat(required).contains("issued for client `" + id + "`");
    }

    OptionChecks.assertEveryOptionExists(file);
    NixTool.require();
    for (String name : new String[] {"grafana", "immich", "mealie", "open-webui", "paperless", "forgejo"}) {
      assertThat(NixTool.parse(services.resolve(name + ".nix")).exit()).as(name).isZero();
    }
  }

  @Test
  void autheliaIsAProviderToo() throws Exception {
    String spec = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, claimed: true, oidc: { clientSecret: { secret: photos-oidc } } }\n"
            + "      authelia: { tier: critical }")
        + "secrets:\n  authelia/jwt-secret: {}\n  authelia/storage-encryption-key: {}\n  authelia/users: {}\n  photos-oidc: {}\n";
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(Files.readString(out.resolve("hosts/nuc/services/immich.nix")))
        .contains("issuerUrl = \"https://authelia.example.org\";", "config.sops.secrets.photos-oidc.path");
    OptionChecks.assertEveryOptionExists(file);
  }
}
