package dev.homelab.cli;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.SpecException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code homelab validate}: loads and checks the spec, writes nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check the spec and print every finding with file:line:col; write nothing.",
        "Exit 0 when valid (warnings allowed), 1 when invalid, 2 on a usage error."})
public final class ValidateCommand implements Callable<Integer> {

  @Mixin
  SpecOptions options;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Pipeline pipeline = new Pipeline(ServiceCatalog.builtIn());
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    try {
      Pipeline.Checked checked = pipeline.check(options.files(spec), options.sets);
      Reporter.print(checked.warnings(), pipeline.sources(), err);
      int services = checked.spec().hosts().values().stream().mapToInt(h -> h.services().size()).sum();
      out.println("valid: " + checked.spec().hosts().size() + " host(s), " + services + " service(s)");
      return ExitCodes.OK;
    } catch (SpecException e) {
      Reporter.print(e.diagnostics(), pipeline.sources(), err);
      return ExitCodes.INVALID;
    }
  }
}
