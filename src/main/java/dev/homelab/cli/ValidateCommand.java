package dev.homelab.cli;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Severity;
import dev.homelab.diag.SpecException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code homelab validate}: loads and checks the spec, writes nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check the spec and print every finding with file:line:col; write nothing.",
        "Exit 0 when valid (warnings allowed unless --fail-on warning), 1 when invalid, 2 on a usage error."})
public final class ValidateCommand implements Callable<Integer> {

  @Mixin
  SpecOptions options;

  @Mixin
  FindingsOptions findings;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Pipeline pipeline = new Pipeline(ServiceCatalog.builtIn(), options.ownKinds(spec));
    Reporter reporter = new Reporter(findings, pipeline, spec.commandLine().getOut(), spec.commandLine().getErr());
    try {
      Pipeline.Checked checked = pipeline.check(options.files(spec), options.sets);
      reporter.print(checked.warnings());
      reporter.suppressed(pipeline.suppressed());
      long warnings = checked.warnings().count(Severity.WARNING);
      if (findings.failOn == FindingsOptions.FailOn.WARNING && warnings > 0) {
        reporter.human().println("invalid: " + warnings + " warning(s), and --fail-on warning");
        return ExitCodes.INVALID;
      }
      int services = checked.spec().hosts().values().stream().mapToInt(h -> h.services().size()).sum();
      reporter.human().println("valid: " + checked.spec().hosts().size() + " host(s), " + services + " service(s)");
      return ExitCodes.OK;
    } catch (SpecException e) {
      reporter.print(e.diagnostics());
      reporter.suppressed(pipeline.suppressed());
      return ExitCodes.INVALID;
    } finally {
      reporter.finish();
    }
  }
}
