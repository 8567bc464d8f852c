package dev.homelab.plan.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.testing.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules written by {@link Tmpfiles}, applied by the real systemd-tmpfiles under a scratch
 * root, create exactly the folder each names: no path can split into more fields, lose a
 * character to an escape or a specifier, or become another rule.
 */
class TmpfilesTest {

  @TempDir
  Path root;

  @Test
  void everyNastyFolderNameIsCreatedAsItIs() throws IOException {
    Tool.require("systemd-tmpfiles", "systemd");
    List<String> names = QuotingFixtures.NASTY.stream()
        .filter(s -> !s.contains("/") && !s.isBlank() && s.chars().noneMatch(Character::isISOControl))
        .map(s -> "x" + s)
        .toList();
    String user = System.getProperty("user.name");
    List<String> rules = new ArrayList<>();
    for (String n : names) {
      rules.add(Tmpfiles.line("d", "/srv/" + n, "0750", user, user, "-"));
    }
    Path conf = root.resolve("homelab.conf");
    Files.writeString(conf, String.join("\n", rules) + "\n");
    QuotingFixtures.run(List.of("systemd-tmpfiles", "--create", "--root=" + root, conf.toString()), "");

    try (Stream<Path> made = Files.list(root.resolve("srv"))) {
      assertThat(made.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(names);
    }
  }

  @Test
  void plainFieldsStayAsTheyAre() {
    assertThat(Tmpfiles.line("d", "/srv/restic", "0700", "restic", "restic", "-"))
        .isEqualTo("d /srv/restic 0700 restic restic -");
    assertThat(Tmpfiles.line("d", "/srv/a b%c", "0700", "root", "root", "-"))
        .isEqualTo("d \"/srv/a b%%c\" 0700 root root -");
    assertThatThrownBy(() -> Tmpfiles.field("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tmpfiles.path("/srv/a\tb")).isInstanceOf(IllegalArgumentException.class);
  }
}
