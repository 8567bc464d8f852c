package dev.homelab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every command that reads a spec shares: the files and the overrides. */
public final class SpecOptions {

  @Option(names = {"-f", "--file"}, paramLabel = "SPEC",
      description = "Spec file; repeat to merge several in order, later wins (default: homelab.yaml).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Override one value after the files are merged, e.g. hosts.nuc.services.immich.port=2284.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--catalog", paramLabel = "DIR",
      description = "Folder of your own service kinds (default: catalog/ beside the first spec file, when it exists).")
  Path catalog;

  /**
   * The folder of the lab's own service kinds: --catalog (which must be a folder), else
   * {@code catalog/} beside the first spec file when there is one; null when the lab has none.
   */
  Path ownKinds(CommandLine.Model.CommandSpec spec) {
    if (catalog != null) {
      if (!Files.isDirectory(catalog)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--catalog is not a folder: " + catalog);
      }
      return catalog;
    }
    Path first = files.isEmpty() ? Path.of("homelab.yaml") : files.get(0);
    Path parent = first.toAbsolutePath().getParent();
    Path beside = parent == null ? null : parent.resolve("catalog");
    if (beside == null || !Files.isDirectory(beside)) {
      return null;
    }
    // Shown as the user would write it: relative to the spec's folder as given.
    Path given = first.getParent();
    return given == null ? Path.of("catalog") : given.resolve("catalog");
  }

  /** The spec files, checked to exist: a missing one is a usage error (exit 2). */
  List<Path> files(CommandLine.Model.CommandSpec spec) {
    List<Path> out = files.isEmpty() ? List.of(Path.of("homelab.yaml")) : files;
    for (Path p : out) {
      if (!Files.exists(p)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "spec file not found: " + p
            + (files.isEmpty() ? " (give one with -f)" : ""));
      }
      if (!Files.isRegularFile(p)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "not a regular file: " + p);
      }
    }
    return out;
  }
}
