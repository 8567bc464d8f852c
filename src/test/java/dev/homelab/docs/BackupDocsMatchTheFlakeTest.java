package dev.homelab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The flake's docs/README.md says what each backup job takes and where it writes exactly as
 * the generated backups.nix does it: the same paths per restic job, a database named as dumped
 * only where a dump folder is backed up, and pgBackRest listed where it keeps the cluster.
 */
class BackupDocsMatchTheFlakeTest {

  static List<Path> examples() {
    return Examples.all();
  }

  private static final Pattern JOB = Pattern.compile("(?s)services\\.restic\\.backups\\.([a-z0-9-]+) = \\{(.*?)\\n  \\};");
  private static final Pattern PATHS = Pattern.compile("(?s)\\n    paths = \\[(.*?)\\];|\\n    paths = \\[ (\"[^\"]*\") \\];");
  private static final Pattern QUOTED = Pattern.compile("\"(/[^\"]*)\"");
  private static final Pattern CODE = Pattern.compile("`(/[^`]*)`");

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void eachJobsRowNamesWhatItsUnitBacksUp(Path spec) {
    Map<String, String> files = Examples.render(spec);
    String docs = files.get("docs/README.md");
    int jobs = 0;
    for (Map.Entry<String, String> f : files.entrySet()) {
      if (!f.getKey().endsWith("/backups.nix")) {
        continue;
      }
      String host = f.getKey().split("/")[1];
      String section = section(docs, host);
      Matcher job = JOB.matcher(f.getValue());
      while (job.find()) {
        jobs++;
        TreeSet<String> backedUp = new TreeSet<>();
        Matcher paths = PATHS.matcher(job.group(2));
        if (paths.find()) {
          Matcher q = QUOTED.matcher(paths.group(1) != null ? paths.group(1) : paths.group(2));
          while (q.find()) {
            backedUp.add(q.group(1));
          }
        }
        Matcher row = Pattern.compile("(?m)^\\| `" + Pattern.quote(job.group(1)) + "` \\| ([^|]*) \\|").matcher(section);
        assertThat(row.find()).as("a docs row for job %s on %s", job.group(1), host).isTrue();
        String what = row.group(1).split("; not ")[0];
        TreeSet<String> documented = new TreeSet<>();
        Matcher c = CODE.matcher(what);
        while (c.find()) {
          documented.add(c.group(1));
        }
        assertThat(documented).as("job %s on %s", job.group(1), host).isEqualTo(backedUp);
      }
      boolean pgbackrest = f.getValue().contains("services.pgbackrest = {");
      assertThat(section.contains("| pgBackRest |")).as("pgBackRest in the docs of %s", host).isEqualTo(pgbackrest);
      if (pgbackrest) {
        assertThat(section).doesNotContain("(dump in");
      }
    }
    if (spec.toString().contains("forge")) {
      assertThat(jobs).isPositive();
    }
  }

  private static String section(String docs, String host) {
    int at = docs.indexOf("\n## " + host + "\n");
    assertThat(at).as("a section for %s", host).isNotNegative();
    int end = docs.indexOf("\n## ", at + 4);
    return end < 0 ? docs.substring(at) : docs.substring(at, end);
  }
}
