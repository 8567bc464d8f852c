package dev.homelab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CI jobs of docs/ci.md and the pre-commit config of docs/distribution.md are YAML their
 * runners read, and they run the commands the pages say, with options the command line has.
 */
class CiDocsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static List<String> yamlBlocks(String page, String fromHeading) throws Exception {
    String text = Files.readString(Path.of(page));
    text = text.substring(text.indexOf(fromHeading));
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void theGithubWorkflowValidatesUploadsSarifAndChecksTheFlake() throws Exception {
    JsonNode workflow = YAML.readTree(yamlBlocks("docs/ci.md", "### GitHub Actions").get(0));
    assertThat(workflow.path("permissions").path("security-events").asText()).isEqualTo("write");
    JsonNode steps = workflow.path("jobs").path("homelab").path("steps");
    List<String> runs = new ArrayList<>();
    List<String> uses = new ArrayList<>();
    steps.forEach(s -> {
      runs.add(s.path("run").asText());
      uses.add(s.path("uses").asText());
    });
    assertThat(runs).contains("homelab validate --format github", "homelab validate --format sarif > homelab.sarif",
        "homelab gen --check --diff");
    int sarif = runs.indexOf("homelab validate --format sarif > homelab.sarif");
    int upload = uses.indexOf("github/codeql-action/upload-sarif@v3");
    assertThat(upload).isGreaterThan(sarif);
    assertThat(steps.get(upload).path("with").path("sarif_file").asText()).isEqualTo("homelab.sarif");
    assertThat(steps.get(upload).path("if").asText()).isEqualTo("always()");
    assertThat(steps.get(sarif).path("if").asText()).isEqualTo("always()");
    assertThat(String.join("\n", runs)).contains("sha256sum -c \"homelab-$HOMELAB_VERSION.jar.sha256\"");
  }

  @Test
  void theGitlabJobValidatesChecksTheFlakeAndKeepsTheSarifLog() throws Exception {
    JsonNode job = YAML.readTree(yamlBlocks("docs/ci.md", "### GitLab CI").get(0)).path("homelab");
    List<String> script = new ArrayList<>();
    job.path("script").forEach(s -> script.add(s.asText()));
    assertThat(script).containsExactly("homelab validate", "homelab gen --check --diff");
    assertThat(job.path("after_script").get(0).asText()).startsWith("homelab validate --format sarif > homelab.sarif");
    assertThat(job.path("artifacts").path("when").asText()).isEqualTo("always");
    assertThat(job.path("artifacts").path("paths").get(0).asText()).isEqualTo("homelab.sarif");
  }

  @Test
  void thePreCommitConfigNamesTheHooksOfTheManifest() throws Exception {
    JsonNode config = YAML.readTree(yamlBlocks("docs/distribution.md", "## pre-commit").get(0));
    JsonNode manifest = YAML.readTree(Path.of(".pre-commit-hooks.yaml").toFile());
    List<String> ids = new ArrayList<>();
    manifest.forEach(h -> ids.add(h.path("id").asText()));
    List<String> used = new ArrayList<>();
    config.path("repos").get(0).path("hooks").forEach(h -> used.add(h.path("id").asText()));
    assertThat(used).isNotEmpty();
    assertThat(ids).containsAll(used);
  }
}
