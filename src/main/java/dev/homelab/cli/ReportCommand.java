package dev.homelab.cli;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.report.LabReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code homelab report}: the lab on one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write the lab as one self-contained HTML page (no network fetches): the topology diagram, the",
        "port table, the exposure matrix, datasets, backups, the secrets to create and validation's warnings.",
        "Exit 1 when the spec is invalid (nothing written)."})
public final class ReportCommand implements Callable<Integer> {

  @Mixin
  SpecOptions options;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The HTML file to write, such as lab.html.")
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
    String html = LabReport.render(LabReport.model(checked.spec(), checked.plan(), checked.warnings(), checked.catalog()));
    CheckedSpec.write(spec, output, html);
    spec.commandLine().getOut().println("wrote " + output);
    return ExitCodes.OK;
  }
}
