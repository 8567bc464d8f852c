package dev.homelab.cli;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.SpecException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * For the commands that describe a lab (ports, graph, report): the spec checked as validate
 * checks it; an invalid spec prints its findings (text, on the error stream) and gives null.
 */
final class CheckedSpec {

  private CheckedSpec() {}

  static Pipeline.Checked load(SpecOptions options, CommandSpec spec, ServiceCatalog catalog) {
    Pipeline pipeline = new Pipeline(catalog, options.ownKinds(spec));
    Reporter reporter = new Reporter(new FindingsOptions(), pipeline, spec.commandLine().getOut(), spec.commandLine().getErr());
    try {
      return pipeline.check(options.files(spec), options.sets);
    } catch (SpecException e) {
      reporter.print(e.diagnostics());
      return null;
    } finally {
      reporter.finish();
    }
  }

  /** Writes {@code text} to {@code file} (its folder must exist), or to standard output when it is null. */
  static void write(CommandSpec spec, java.nio.file.Path file, String text) throws java.io.IOException {
    if (file == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
      return;
    }
    java.nio.file.Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no such folder for -o: " + dir);
    }
    if (java.nio.file.Files.isDirectory(file)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o names a folder, not a file: " + file);
    }
    java.nio.file.Path tmp = java.nio.file.Files.createTempFile(dir, ".homelab-", ".tmp");
    try {
      java.nio.file.Files.writeString(tmp, text);
      if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        java.nio.file.Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
      java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }
}
