package dev.homelab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: {@link #run} returns the exit code; {@link #main} only passes it to the system. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }

  /** Runs one command line with these streams; tests call this directly. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    // No option takes a SQL or java.time value: skip probing for those converters at start-up.
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
    }
    HomelabCommand top = new HomelabCommand();
    CommandLine cli = new CommandLine(top);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(false);
    // `homelab <command> --version` prints what `homelab --version` does.
    inheritVersion(cli.getCommandSpec(), cli.getCommandSpec().versionProvider());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage());
      ex.getCommandLine().getErr().println("try `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help`");
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      err.println("internal error: " + ex + " (this is a bug in homelab; see \"Reporting bugs\" in README.md)");
      if (top.debug) {
        ex.printStackTrace(err);
      } else {
        err.println("run again with --debug for the stack trace");
      }
      err.flush();
      return ExitCodes.INTERNAL;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static void inheritVersion(CommandLine.Model.CommandSpec spec, CommandLine.IVersionProvider provider) {
    for (CommandLine sub : spec.subcommands().values()) {
      CommandLine.Model.CommandSpec s = sub.getCommandSpec();
      if (s.versionProvider() == null && s.version().length == 0) {
        s.versionProvider(provider);
      }
      inheritVersion(s, provider);
    }
  }
}
