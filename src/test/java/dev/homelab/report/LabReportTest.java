package dev.homelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Span;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabReportTest {

  static Map<String, Object> model(String example) {
    Pipeline.Checked c = Examples.check(Path.of("examples/" + example + ".yaml"));
    return LabReport.model(c.spec(), c.plan(), c.warnings(), ServiceCatalog.builtIn());
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> rows(Map<String, Object> m, String key) {
    return (List<T>) m.get(key);
  }

  @Test
  void datasetsCarryQuotaAndSnapshotPolicy() {
    List<LabReport.DatasetRow> rows = rows(model("nuc-homelab"), "datasets");
    assertThat(rows).contains(new LabReport.DatasetRow("nuc", "storagepool/immich/library", "/data/immich/library", "3T",
        "photos", "7 daily, 4 weekly, 12 monthly"));
  }

  @Test
  void backupsSecretsAndFindings() {
    Map<String, Object> m = model("nuc-homelab");
    assertThat(rows(m, "backups")).containsExactly(new LabReport.BackupRow("daily", "nuc", "local", "02:00", "30 daily"));
    List<LabReport.SecretRow> secrets = rows(m, "secrets");
    assertThat(secrets).extracting(LabReport.SecretRow::name).contains("restic/password", "cloudflared/credentials");
    List<LabReport.FindingRow> findings = rows(m, "findings");
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.code()).isEqualTo("HL0320");
      assertThat(f.where()).isEqualTo("examples/nuc-homelab.yaml:55:15");
    });
  }

  @Test
  void exposureMatrixShowsWhatIsHeldBack() {
    List<LabReport.Matrix> matrix = rows(model("three-tier"), "matrix");
    assertThat(matrix).contains(new LabReport.Matrix("server", "immich", "held back", "yes", ""),
        new LabReport.Matrix("server", "forgejo", "yes", "yes", ""));
  }

  @Test
  void textIsEscapedAndThePageIsSelfContained() {
    Pipeline.Checked c = Examples.check(Path.of("examples/forge.yaml"));
    Diagnostics warnings = new Diagnostics();
    warnings.warning("HL0320", "a <script>alert(1)</script> message", new Span("lab.yaml", 3, 4, 1), "a & hint");
    String html = LabReport.render(LabReport.model(c.spec(), c.plan(), warnings, ServiceCatalog.builtIn()));
    assertThat(html).contains("a &lt;script&gt;alert(1)&lt;/script&gt; message").contains("a &amp; hint")
        .doesNotContain("<script>alert(1)")
        .doesNotContain("<link").doesNotContain("src=\"http").doesNotContain("@import");
    assertThat(html).as("one script, inline").containsOnlyOnce("<script>");
  }

  @Test
  void sameSpecSameBytes(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.html");
    Path b = dir.resolve("b.html");
    assertThat(Cli.run("report", "-f", "examples/forge.yaml", "-o", a.toString()).exit()).isZero();
    assertThat(Cli.run("report", "-f", "examples/forge.yaml", "-o", b.toString()).exit()).isZero();
    assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
  }

  @Test
  void invalidSpecWritesNothing(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("lab.yaml");
    Files.writeString(spec, "homelab: { name: lab, domain: lab.example }\nhosts:\n  box:\n    stateVersion: \"25.05\"\n"
        + "    services:\n      immich: { port: 0 }\n");
    Path out = dir.resolve("lab.html");
    Cli.Run run = Cli.run("report", "-f", spec.toString(), "-o", out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("lab.yaml:6:");
    assertThat(out).doesNotExist();
  }

  @Test
  void missingOutputFolderIsAUsageError(@TempDir Path dir) {
    Cli.Run run = Cli.run("report", "-f", "examples/three-tier.yaml", "-o", dir.resolve("no/such/lab.html").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no such folder for -o");
  }
}
