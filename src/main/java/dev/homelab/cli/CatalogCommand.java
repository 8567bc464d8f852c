package dev.homelab.cli;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.catalog.ServiceDescriptor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code homelab catalog}: lists the service kinds the compiler knows. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "List the service kinds in the catalog.")
public final class CatalogCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ServiceCatalog catalog = ServiceCatalog.builtIn();
    var out = spec.commandLine().getOut();
    for (String kind : catalog.kinds()) {
      ServiceDescriptor d = catalog.find(kind).orElseThrow();
      out.printf("%-16s %-6s %s%n", kind, d.port() == null ? "-" : d.port().toString(), d.summary() == null ? d.title() : d.summary());
    }
    return ExitCodes.OK;
  }
}
