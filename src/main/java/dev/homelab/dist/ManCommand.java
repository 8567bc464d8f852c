package dev.homelab.dist;

import dev.homelab.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code homelab man [-o DIR]}: writes the manual pages of every command. */
@Command(name = "man", mixinStandardHelpOptions = true,
    description = {"Write the manual pages of homelab and each of its commands (homelab.1, homelab-gen.1, ...).",
        "Made from the command line's model, so they list every command and option. Read one with `man -l DIR/homelab.1`."})
public final class ManCommand implements Callable<Integer> {

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "man",
      description = "The folder to write the pages to (created when missing; default: ${DEFAULT-VALUE}).")
  Path output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (Files.exists(output) && !Files.isDirectory(output)) {
      err.println("error: " + output + " is not a folder; give -o a folder to write the pages to");
      return ExitCodes.USAGE;
    }
    Map<String, String> pages = ManPages.of(spec.root(), BuildInfo.get().version());
    try {
      Files.createDirectories(output);
      for (Map.Entry<String, String> page : pages.entrySet()) {
        Files.writeString(output.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      err.println("error: cannot write the manual pages to " + output + ": " + e.getMessage());
      return ExitCodes.INVALID;
    }
    out.println("wrote " + pages.size() + " manual pages to " + output);
    return ExitCodes.OK;
  }
}
