package dev.homelab.cli;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.graph.Dot;
import dev.homelab.graph.Mermaid;
import dev.homelab.graph.Topology;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code homelab graph}: the lab's hosts, services, ways in, replication and backups as a diagram. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = {"Draw the lab as a Mermaid flowchart or a Graphviz DOT graph: a box per host with its services,",
        "the ways in (internet, tunnel, proxy; tailnet; LAN), Syncoid replication, backup jobs and Syncthing folders.",
        "Exit 1 when the spec is invalid (nothing written)."})
public final class GraphCommand implements Callable<Integer> {

  /** The output formats. */
  public enum Format { MERMAID, DOT }

  @Mixin
  SpecOptions options;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid", converter = FormatConverter.class,
      description = "mermaid (default) or dot.")
  Format format = Format.MERMAID;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the diagram to FILE (default: standard output).")
  Path output;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ServiceCatalog catalog = ServiceCatalog.builtIn();
    Pipeline.Checked checked = CheckedSpec.load(options, spec, catalog);
    if (checked == null) {
      return ExitCodes.INVALID;
    }
    Topology t = Topology.of(checked.spec(), checked.catalog());
    String text = format == Format.DOT ? Dot.render(t, checked.spec().homelab().name()) : Mermaid.render(t);
    CheckedSpec.write(spec, output, text);
    return ExitCodes.OK;
  }

  static final class FormatConverter extends LowerCase<Format> {
    FormatConverter() {
      super(Format.class, "format");
    }
  }
}
