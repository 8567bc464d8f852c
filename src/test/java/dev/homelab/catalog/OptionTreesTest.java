package dev.homelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The nix-darwin and home-manager catalogs: every entry says where it was read (a revision and
 * the declaring file) and what it is, and the index the build derives holds each of them.
 */
class OptionTreesTest {

  static final Map<OptionCatalog.Tree, String> FILES = Map.of(
      OptionCatalog.Tree.DARWIN, "src/main/nixos-options/darwin-options.json",
      OptionCatalog.Tree.HOME_MANAGER, "src/main/nixos-options/home-manager-options.json");

  @Test
  void everyEntryNamesItsRevisionFileAndType() throws Exception {
    for (Map.Entry<OptionCatalog.Tree, String> f : FILES.entrySet()) {
      JsonNode json = new ObjectMapper().readTree(Path.of(f.getValue()).toFile());
      List<String> problems = new ArrayList<>();
      json.fields().forEachRemaining(e -> {
        JsonNode v = e.getValue();
        if (!v.path("commit").asText().matches("[0-9a-f]{40}")) {
          problems.add(e.getKey() + ": no commit");
        }
        if (!v.path("declarations").isArray() || v.path("declarations").isEmpty()
            || !v.path("declarations").get(0).asText().matches("([\\w-]+/[\\w-]+:)?(modules|nixos|nix-darwin)/.+\\.nix")) {
          problems.add(e.getKey() + ": no declaring file");
        }
        if (v.path("type").asText().isEmpty() || v.path("typeExpr").asText().isEmpty()) {
          problems.add(e.getKey() + ": no type");
        }
      });
      assertThat(problems).as(f.getValue()).isEmpty();
      // The index in the jar holds every entry of the file.
      OptionCatalog catalog = OptionCatalog.load(f.getKey());
      assertThat(catalog.size()).as(f.getValue()).isEqualTo(json.size()).isGreaterThan(20);
    }
  }
}
