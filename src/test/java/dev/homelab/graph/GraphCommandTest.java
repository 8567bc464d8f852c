package dev.homelab.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import dev.homelab.testing.NodeTool;
import dev.homelab.testing.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GraphCommandTest {

  static List<Path> examples() {
    return Examples.all();
  }

  /** Every host and deployed service of the example, as the graph labels them. */
  static List<String> labels(Path example) {
    Pipeline.Checked c = Examples.check(example);
    List<String> out = new ArrayList<>();
    c.spec().hosts().forEach((name, host) -> {
      out.add("\"host " + name + "\"");
      for (EffectiveService s : Effective.deployed(c.spec(), name, host, ServiceCatalog.builtIn())) {
        out.add("\"" + s.name() + " :" + s.port() + "\"");
      }
    });
    return out;
  }

  @ParameterizedTest
  @MethodSource("examples")
  void dotHasEveryHostAndServiceAndGraphvizLaysItOut(Path example, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("lab.dot");
    Cli.Run run = Cli.run("graph", "-f", example.toString(), "--format", "dot", "-o", file.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String dot = Files.readString(file);
    assertThat(dot).startsWith("digraph ").contains(labels(example));
    Tool.require("dot", "graphviz");
    Process p = new ProcessBuilder("dot", "-Tsvg", file.toString(), "-o", dir.resolve("lab.svg").toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String said = new String(p.getInputStream().readAllBytes());
    assertThat(p.exitValue()).as(said).isZero();
    assertThat(said).as("graphviz warnings").isEmpty();
    assertThat(Files.readString(dir.resolve("lab.svg"))).contains("<svg");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void mermaidHasEveryHostAndService(Path example) {
    Cli.Run run = Cli.run("graph", "-f", example.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).startsWith("flowchart LR\n").contains(labels(example));
    assertThat(Cli.run("graph", "-f", example.toString()).out()).as("deterministic").isEqualTo(run.out());
  }

  @Test
  void mermaidParsesWithMermaidsOwnParser(@TempDir Path dir) throws IOException {
    List<String> files = new ArrayList<>();
    for (Path example : Examples.all()) {
      Path file = dir.resolve(Examples.name(example) + ".mmd");
      Cli.Run run = Cli.run("graph", "-f", example.toString(), "-o", file.toString());
      assertThat(run.exit()).as(run.all()).isZero();
      files.add(file.toString());
    }
    Path broken = dir.resolve("broken.mmd");
    Files.writeString(broken, "flowchart LR\n  a -->|\"x\" b\n");
    Path pkg = NodeTool.require("mermaid");
    NodeTool.Result ok = NodeTool.node(pkg, "check.mjs", files);
    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out().lines()).hasSize(files.size()).allMatch(l -> l.startsWith("ok ") && l.endsWith(" flowchart-v2"));
    // The check is real: Mermaid's parser refuses a broken edge.
    NodeTool.Result bad = NodeTool.node(pkg, "check.mjs", List.of(broken.toString()));
    assertThat(bad.exit()).as(bad.out()).isEqualTo(1);
  }

  @Test
  void exposurePathsReplicationBackupsAndSync() {
    Topology forge = Topology.of(Examples.check(Path.of("examples/forge.yaml")).spec(), ServiceCatalog.builtIn());
    String m = dev.homelab.graph.Mermaid.render(forge);
    // The tunnel: internet -> cloudflared -> proxy -> the public service.
    String forgeId = forge.hosts().stream().filter(h -> h.name().equals("forge")).findFirst().orElseThrow().node().id();
    assertThat(m).contains("internet --> " + forgeId + "t\n").contains(forgeId + "t --> " + forgeId + "p\n");
    var enclosed = forge.nodes().stream().filter(n -> n.label().startsWith("enclosed :")).findFirst().orElseThrow();
    assertThat(m).contains(forgeId + "p -->|\"lan, tailnet, public\"| " + enclosed.id() + "\n");
    // Replication to nas-1 and restic jobs to both repositories.
    assertThat(forge.edges()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(Topology.EdgeKind.REPLICATION);
      assertThat(e.label()).isEqualTo("syncoid: tank/services, tank/media");
    });
    assertThat(forge.edges()).filteredOn(e -> e.kind() == Topology.EdgeKind.BACKUP).isNotEmpty();
    Topology tt = Topology.of(Examples.check(Path.of("examples/three-tier.yaml")).spec(), ServiceCatalog.builtIn());
    assertThat(tt.edges()).filteredOn(e -> e.kind() == Topology.EdgeKind.SYNC)
        .extracting(e -> e.from() + "-" + e.to() + " " + e.label())
        .containsExactly("h0-h1 syncthing: documents", "h0-h2 syncthing: documents", "h1-h2 syncthing: documents");
  }

  @Test
  void labelsWithQuotesStayStrings() {
    assertThat(Dot.quote("a \"b\" \\c")).isEqualTo("\"a \\\"b\\\" \\\\c\"");
    assertThat(Mermaid.quote("a \"b\"")).isEqualTo("\"a #quot;b#quot;\"");
  }

  @Test
  void unknownFormatIsAUsageError() {
    Cli.Run run = Cli.run("graph", "-f", "examples/forge.yaml", "--format", "png");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("unknown format `png`: use mermaid or dot");
  }
}
