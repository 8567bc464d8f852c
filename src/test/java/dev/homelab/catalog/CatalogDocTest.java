package dev.homelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/catalog.md lists every kind with its descriptor's facts and settings, exactly as the
 * catalog has them; regenerate with {@code ./mvnw test -Dgolden.update=true}.
 */
class CatalogDocTest {

  static final Path DOC = Path.of("docs/catalog.md");

  @Test
  void catalogPageMatchesTheDescriptors() throws Exception {
    String expected = render(ServiceCatalog.builtIn());
    if ("true".equals(System.getProperty("golden.update"))) {
      Files.writeString(DOC, expected);
    }
    assertThat(Files.readString(DOC)).as("docs/catalog.md (regenerate with -Dgolden.update=true)").isEqualTo(expected);
  }

  @Test
  void everyKindRecordsItsFirstStartAndProxyFacts() {
    ServiceCatalog catalog = ServiceCatalog.builtIn();
    for (String kind : catalog.kinds()) {
      Access a = catalog.find(kind).orElseThrow().access();
      assertThat(a).as("`access:` of " + kind).isNotNull();
      a.points().forEach(p -> assertThat(p.getValue()).as(kind + ": " + p.getKey()).isNotBlank());
      // The check and the behaviour agree: a kind held back for its first visitor says so.
      if (catalog.find(kind).orElseThrow().firstUserIsVisitor()) {
        assertThat(a.firstUse()).as(kind + ": firstUse").contains("until `claimed: true`");
      }
    }
  }

  static String render(ServiceCatalog catalog) {
    StringBuilder b = new StringBuilder();
    b.append("# Service catalog\n\n")
        .append("Every service kind homelab knows (").append(catalog.kinds().size()).append(" kinds). `homelab catalog show KIND`\n")
        .append("prints one in full, with the NixOS options it sets. A spec names a kind with `kind:`, or\n")
        .append("by naming the service after it. This page is checked against the descriptors by the tests.\n\n")
        .append("First account: `visitor` when whoever reaches the service first takes its admin account (a setup\n")
        .append("page, an open sign-up, a published default login): it is served over the tailnet only until the\n")
        .append("spec sets `claimed: true` ([HL0335](errors/HL0335.md)); a setting when the account comes from that\n")
        .append("secret. Admin paths answer 403 to public sources unless the spec sets `publicAdmin: true`.\n\n")
        .append("| kind | port | runs as | listens on | default exposure | subdomain | state | first account | admin paths |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (String kind : catalog.kinds()) {
      ServiceDescriptor d = catalog.find(kind).orElseThrow();
      b.append("| `").append(kind).append("` | ").append(d.port() == null ? "the spec's `port:`" : d.port())
          .append(d.isHttp() ? "" : " (" + d.protocol() + ")")
          .append(" | ").append(d.isContainer() ? "containers" : "`" + d.module() + "`")
          .append(" | ").append(d.bindable() ? (d.isHttp() ? "127.0.0.1" : "its exposure") : "all (no bind option)")
          .append(" | ").append(d.expose().stream().map(e -> e.wire()).collect(Collectors.joining(", ")))
          .append(" | ").append(d.subdomain() == null ? "its name" : d.subdomain())
          .append(" | ").append(d.stateDir() == null ? "—" : "`" + d.stateDir() + "`")
          .append(" | ").append(d.firstUserIsVisitor()
              ? "visitor" + (d.firstUserSetting() == null ? "" : ", or `" + d.firstUserSetting() + "`")
              : d.firstUserSetting() == null ? "—" : "`" + d.firstUserSetting() + "`")
          .append(" | ").append(d.adminPaths().isEmpty() ? "—" : "`" + String.join("`, `", d.adminPaths()) + "`")
          .append(" |\n");
    }
    b.append("\n## First start and the proxy\n\n")
        .append("Every kind checked against its NixOS module and the application: a default login it ships\n")
        .append("with, whether the first visitor of its web UI becomes its admin, whether it runs without a\n")
        .append("login, folders its module does not create, the umask of its unit where files are shared\n")
        .append("through a group, and how it learns a client's address behind the proxy; each with what the\n")
        .append("generated flake does about it (the descriptor's `access:`).\n\n")
        .append("| kind | default credentials | first visitor | without login | folders | umask | client address |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (String kind : catalog.kinds()) {
      Access a = catalog.find(kind).orElseThrow().access();
      b.append("| `").append(kind).append('`');
      a.points().forEach(p -> b.append(" | ").append(p.getValue().replace("|", "\\|").replace("\n", " ")));
      b.append(" |\n");
    }
    b.append("\n## Settings\n\n")
        .append("Kind-specific `settings:` (types: `path`, `string`, `integer`, `boolean`, `list`, `secret`).\n"
            + "`{mediaDir}` in a default is the host's media library: the mountpoint of its dataset named `media`,"
            + " else `/data/media` ([spec](spec.md#datasets)).\n\n")
        .append("| kind | setting | type | default | meaning |\n|---|---|---|---|---|\n");
    for (String kind : catalog.kinds()) {
      for (Map.Entry<String, SettingSpec> e : catalog.find(kind).orElseThrow().settings().entrySet()) {
        SettingSpec s = e.getValue();
        b.append("| `").append(kind).append("` | `").append(e.getKey()).append("` | ").append(s.type())
            .append(" | ").append(s.defaultValue() == null ? "—" : "`" + s.defaultValue() + "`")
            .append(" | ").append(s.description() == null ? "" : s.description().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return b.toString();
  }
}
