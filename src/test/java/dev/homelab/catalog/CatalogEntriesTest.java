package dev.homelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.cli.Pipeline;
import dev.homelab.diag.SpecException;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Plan;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.Planner;
import dev.homelab.render.Renderer;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every catalog entry, rendered alone on a small host: it validates, every option path it
 * sets is in the NixOS option catalog with a fitting value, its port is what the proxy or
 * the firewall uses, and its file parses with the real Nix parser.
 */
class CatalogEntriesTest {

  static final ServiceCatalog CATALOG = ServiceCatalog.builtIn();
  static OptionCatalog options;

  @TempDir
  Path tmp;

  @BeforeAll
  static void load() {
    options = OptionCatalog.load();
  }

  /** A small host with a tunnel and Tailscale, and one service of {@code kind}. */
  static String specWith(String kind) {
    ServiceDescriptor d = CATALOG.find(kind).orElseThrow();
    Set<String> secrets = new LinkedHashSet<>();
    secrets.add("cloudflared/credentials");
    d.settings().forEach((name, s) -> {
      if ("secret".equals(s.type()) && s.defaultValue() instanceof Map<?, ?> m && m.get("secret") instanceof String n) {
        secrets.add(n);
      }
    });
    String vpn = "";
    if (kind.equals("container")) {
      vpn = ", port: 8300, container: { image: ghcr.io/example/app:1.0, containerPort: 80 }";
    }
    if (d.requiresVpn()) {
      vpn = ", vpn: { provider: mullvad, privateKey: { secret: vpn/key } }";
      secrets.add("vpn/key");
    }
    StringBuilder spec = new StringBuilder(Specs.MINIMAL
        .replace("      tailscale: true\n", "      tailscale: true\n"
            + "      tunnel: { id: 6ff42ae2-765d-4adf-8112-31c55c1551ef, credentials: { secret: cloudflared/credentials } }\n")
        .replace("      vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }\n      immich: { tier: critical, claimed: true }\n",
            "      " + kind + ": { tier: critical" + vpn + " }\n"));
    spec.append("secrets:\n");
    secrets.forEach(s -> spec.append("  ").append(s).append(": {}\n"));
    return spec.toString();
  }

  /** The descriptor with other option blocks: every component copied, by reflection. */
  private static ServiceDescriptor withOptions(ServiceDescriptor d, java.util.List<OptionBlock> options) {
    try {
      var components = ServiceDescriptor.class.getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = components[i].getName().equals("options") ? options : components[i].getAccessor().invoke(d);
      }
      return ServiceDescriptor.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyConditionOfEveryDescriptorNamesAFactTheKindHas() {
    java.util.Set<String> kinds = java.util.Set.copyOf(CATALOG.kinds());
    for (String kind : CATALOG.kinds()) {
      assertThat(Facts.conditionProblems(CATALOG.find(kind).orElseThrow(), kinds)).as(kind).isEmpty();
    }
  }

  @Test
  void aMisspeltConditionIsFound() {
    ServiceDescriptor vaultwarden = CATALOG.find("vaultwarden").orElseThrow();
    java.util.List<OptionBlock> blocks = new java.util.ArrayList<>(vaultwarden.options());
    blocks.add(new OptionBlock("settings.adminEvn", null, java.util.Map.of()));
    blocks.add(new OptionBlock("!gpu=intel", null, java.util.Map.of()));
    blocks.add(new OptionBlock("peer.lldapp", null, java.util.Map.of()));
    blocks.add(new OptionBlock("oidcc", null, java.util.Map.of()));
    ServiceDescriptor misspelt = withOptions(vaultwarden, blocks);
    assertThat(Facts.conditionProblems(misspelt, java.util.Set.copyOf(CATALOG.kinds()))).containsExactly(
        "`when: settings.adminEvn`: the kind declares no setting `adminEvn`",
        "`when: peer.lldapp`: the catalog has no kind `lldapp`",
        "`when: oidcc`: `oidcc` is not a fact");
  }

  @Test
  void aReleaseConditionComparesTheLabsReleaseWithASupportedOne() {
    Map<String, Object> r2511 = Map.of(Facts.RELEASE, Facts.release("nixos-25.11"));
    Map<String, Object> r2605 = Map.of(Facts.RELEASE, Facts.release("nixos-26.05"));
    Map<String, Object> unstable = Map.of(Facts.RELEASE, Facts.release("nixos-unstable"));
    assertThat(Facts.holds("release>=26.05", r2511)).isFalse();
    assertThat(Facts.holds("release>=26.05", r2605)).isTrue();
    assertThat(Facts.holds("release>=26.05", unstable)).isTrue();
    assertThat(Facts.holds("release<26.05", r2511)).isTrue();
    assertThat(Facts.holds("release<26.05", unstable)).isFalse();
    assertThat(Facts.holds("!release<26.05", r2605)).isTrue();
    assertThat(Facts.holds("release=25.11", r2511)).isTrue();
    assertThat(Facts.holds("release=25.11", unstable)).isFalse();
    ServiceDescriptor immich = CATALOG.find("immich").orElseThrow();
    java.util.List<OptionBlock> blocks = new java.util.ArrayList<>(immich.options());
    blocks.add(new OptionBlock("release>=26.5", null, java.util.Map.of()));
    blocks.add(new OptionBlock("release<24.11", null, java.util.Map.of()));
    blocks.add(new OptionBlock("release=unstable", null, java.util.Map.of()));
    assertThat(Facts.conditionProblems(withOptions(immich, blocks), java.util.Set.copyOf(CATALOG.kinds()))).containsExactly(
        "`when: release>=26.5`: `26.5` is not a NixOS release homelab supports (25.05, 25.11, 26.05)",
        "`when: release<24.11`: `24.11` is not a NixOS release homelab supports (25.05, 25.11, 26.05)");
  }

  @Test
  void theIndexListsEveryCatalogFolderAndNothingElse() throws IOException {
    List<String> folders;
    try (Stream<Path> s = Files.list(Path.of("templates/services"))) {
      folders = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(CATALOG.kinds()).containsExactlyElementsOf(folders);
    for (String kind : folders) {
      assertThat(Path.of("templates/services", kind, kind + ".nix.ftl")).as("template of %s", kind).exists();
    }
  }

  /**
   * {@code login} agrees with each kind's {@code access.auth} record: a kind marked without a
   * login ({@code none}) or open by design ({@code open}) is one whose record says it runs
   * without authentication ("yes..."), and every such kind is marked one or the other.
   */
  @Test
  void loginAgreesWithTheAccessRecord() {
    List<String> none = new ArrayList<>();
    for (String kind : CATALOG.kinds()) {
      ServiceDescriptor d = CATALOG.find(kind).orElseThrow();
      assertThat(d.access()).as("access record of %s", kind).isNotNull();
      boolean anonymous = d.access().auth().strip().startsWith("yes");
      assertThat(!ServiceDescriptor.LOGIN_OWN.equals(d.login())).as("login `%s` of %s against auth \"%s\"", d.login(), kind, d.access().auth())
          .isEqualTo(anonymous);
      if (d.hasNoLogin()) {
        none.add(kind);
      }
    }
    assertThat(none).contains("sonarr", "radarr", "prowlarr", "bazarr", "prometheus", "adguardhome", "nicotine-plus", "tdarr")
        .doesNotContain("gatus", "portfolio", "vaultwarden", "qbittorrent", "container");
  }

  @Test
  void anUnknownLoginValueIsRefused() {
    ServiceDescriptor d = CATALOG.find("sonarr").orElseThrow();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> withLogin(d, "nobody"))
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("login `nobody` is none of own, none, open");
  }

  private static ServiceDescriptor withLogin(ServiceDescriptor d, String login) throws ReflectiveOperationException {
    var components = ServiceDescriptor.class.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = components[i].getName().equals("login") ? login : components[i].getAccessor().invoke(d);
    }
    return ServiceDescriptor.class.getDeclaredConstructor(types).newInstance(values);
  }

  /**
   * The kinds whose first (admin) account goes to whoever reaches them first, as their own
   * setup pages, sign-ups and published logins work; and those whose admin login comes from a
   * secret instead of a published default.
   */
  @Test
  void firstAccountsAreCatalogData() {
    List<String> visitor = CATALOG.kinds().stream().filter(k -> CATALOG.find(k).orElseThrow().firstUserIsVisitor()).toList();
    assertThat(visitor).contains("pocket-id", "home-assistant", "immich", "jellyfin", "navidrome", "audiobookshelf",
        "mealie", "vaultwarden");
    java.util.Map<String, String> fromSecret = new java.util.TreeMap<>();
    for (String kind : List.of("radicale", "microbin", "deluge", "keycloak", "lldap")) {
      ServiceDescriptor d = CATALOG.find(kind).orElseThrow();
      assertThat(d.firstUser()).as(kind).isEqualTo(ServiceDescriptor.SECRET);
      SettingSpec s = d.settings().get(d.firstUserSetting());
      assertThat(s.type()).as(kind).isEqualTo("secret");
      assertThat(s.defaultValue()).as("%s needs no setting in the spec, only the secret", kind).isNotNull();
      fromSecret.put(kind, d.firstUserSetting());
    }
    assertThat(fromSecret).containsEntry("radicale", "htpasswd").containsEntry("deluge", "webPassword");
    assertThat(CATALOG.find("vaultwarden").orElseThrow().adminPaths()).containsExactly("/admin");
    assertThat(CATALOG.find("lldap").orElseThrow().settings()).containsKey("jwtSecret");
  }

  @TestFactory
  Stream<DynamicTest> everyEntryRendersAloneWithRealOptionsAndItsPort() {
    return CATALOG.kinds().stream().map(kind -> DynamicTest.dynamicTest(kind, () -> {
      ServiceDescriptor d = CATALOG.find(kind).orElseThrow();
      Path file = Specs.write(tmp, kind + ".yaml", specWith(kind));
      Pipeline.Checked checked;
      try {
        checked = new Pipeline(CATALOG).check(List.of(file), List.of());
      } catch (SpecException e) {
        throw new AssertionError(kind + " alone does not validate: " + e.diagnostics().sorted(), e);
      }
      Plan plan = new Planner(CATALOG).plan(checked.spec(), checked.names());
      PlannedFile own = plan.files().stream()
          .filter(f -> f.path().equals("hosts/nuc/services/" + kind + ".nix")).findFirst().orElseThrow();
      List<String> problems = new ArrayList<>();
      for (OptionLeaf leaf : OptionLeaf.flatten(((NixModule) own.model().get("module")).optionBindings())) {
        String problem = options.check(leaf);
        if (problem != null) {
          problems.add(leaf.dotted() + ": " + problem);
        }
      }
      assertThat(problems).as("options of %s not in the option catalog", kind).isEmpty();

      Map<String, String> rendered = new java.util.HashMap<>();
      new Renderer().render(plan).forEach(r -> rendered.put(r.file().path(), r.content()));
      if (d.isHttp()) {
        int port = d.port() != null ? d.port() : 8300;
        assertThat(rendered.get("hosts/nuc/caddy.nix")).as("proxy upstream of %s", kind)
            .contains("reverse_proxy 127.0.0.1:" + port + " {\n");
      } else {
        assertThat(rendered.get("hosts/nuc/network.nix")).as("firewall port of %s", kind).contains(" " + d.port() + "\n");
      }
      if (d.bindable() && !d.isContainer()) {
        // A web service listens on loopback for the proxy; an exposed service without an HTTP
        // front listens on every interface, where the firewall opens its port.
        String address = d.isHttp() ? "127.0.0.1" : "0.0.0.0";
        assertThat(rendered.get(own.path())).as("%s listens on %s", kind, address).contains(address);
      }

      if (hasNix()) {
        Path out = tmp.resolve(kind + ".nix");
        Files.writeString(out, rendered.get(own.path()));
        NixTool.Result r = NixTool.parse(out);
        assertThat(r.exit()).as("%s parses: %s", kind, r.err()).isZero();
      }
    }));
  }

  private static boolean hasNix() {
    try {
      NixTool.require();
      return true;
    } catch (org.opentest4j.TestAbortedException e) {
      return false;
    }
  }
}
