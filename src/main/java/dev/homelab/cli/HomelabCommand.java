package dev.homelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top command: subcommands, --version and the global --debug flag. */
@Command(name = "homelab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Compiles a YAML homelab spec into a NixOS flake.",
    subcommands = {ValidateCommand.class, GenCommand.class, CatalogCommand.class,
        dev.homelab.dist.CompletionCommand.class,
        dev.homelab.dist.ManCommand.class,
        SchemaCommand.class,
        InitCommand.class,
        ExplainCommand.class,
        PortsCommand.class,
        GraphCommand.class,
        ReportCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  fine",
        "  1  invalid spec, or output refused (a file homelab did not write, or one edited by hand)",
        "  2  usage error (unknown flag, missing spec file)",
        "  3  output stale (gen --check)",
        "  4  internal error (a bug; see \"Reporting bugs\" in README.md)"})
public final class HomelabCommand implements Runnable {

  @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of an internal error.")
  boolean debug;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
