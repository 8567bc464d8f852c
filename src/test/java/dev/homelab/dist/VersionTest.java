package dev.homelab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --version}: the version, the catalogs' sizes and revisions, the Java runtime. */
class VersionTest {

  private static String pomVersion() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m = Pattern.compile("<artifactId>homelab</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void versionNamesThePomVersionTheCatalogsAndTheJavaRuntime() throws Exception {
    Cli.Run r = Cli.run("--version");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.err()).isEmpty();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).isEqualTo("homelab " + pomVersion());
    int kinds = ServiceCatalog.builtIn().kinds().size();
    assertThat(kinds).isGreaterThan(10);
    assertThat(r.out()).contains("service catalog: " + kinds + " service kinds");

    JsonNode options = new ObjectMapper().readTree(Path.of("src/main/nixos-options/options.json").toFile());
    Set<String> revisions = new HashSet<>();
    int unrecorded = 0;
    for (JsonNode o : options) {
      if (o.path("commit").isTextual()) {
        revisions.add(o.path("repo").asText("NixOS/nixpkgs") + "@" + o.path("commit").asText());
      } else {
        unrecorded++;
      }
    }
    assertThat(r.out()).contains("option catalog: " + options.size() + " NixOS options read at " + revisions.size()
        + " revisions of NixOS/nixpkgs, ", "(" + unrecorded + " with no revision recorded)");
    JsonNode releases = new ObjectMapper().readTree(Path.of("src/main/nixos-options/releases.json").toFile()).path("releases");
    String first = releases.get(0).asText();
    String last = releases.get(releases.size() - 1).asText();
    assertThat(r.out()).contains("NixOS releases told apart: ", "(" + first + " to " + last + ")");
    assertThat(r.out()).containsPattern("most read at [\\w-]+/[\\w-]+@[0-9a-f]{40} \\(\\d+ options\\)");
    assertThat(lines[lines.length - 1]).isEqualTo("Java: " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")");
  }

  @Test
  void everySubcommandPrintsTheSameVersion() {
    String top = Cli.run("--version").out();
    for (var path : CompletionTest.commandPaths()) {
      java.util.List<String> args = new java.util.ArrayList<>(path);
      args.add("--version");
      Cli.Run r = Cli.run(args.toArray(String[]::new));
      assertThat(r.exit()).as("%s", path).isZero();
      assertThat(r.out()).as("%s", path).isEqualTo(top);
    }
  }
}
