package dev.homelab.cli;

import dev.homelab.schema.SpecSchema;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code homelab schema [-o FILE]}: the JSON Schema of the spec, for editors and CI. */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Print the JSON Schema of the spec (draft-07), or write it to a file.",
        "Editors with a YAML language server complete and check the spec with it: start the spec with",
        "  # yaml-language-server: $schema=.homelab/spec.schema.json"})
public final class SchemaCommand implements Callable<Integer> {

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the schema to FILE (its folder is created) instead of printing it.")
  File output;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String schema = SpecSchema.builtIn();
    if (output == null) {
      spec.commandLine().getOut().print(schema);
      return ExitCodes.OK;
    }
    Path target = output.toPath().toAbsolutePath();
    if (Files.isDirectory(target)) {
      spec.commandLine().getErr().println("error: " + output + " is a folder; name the file to write, such as "
          + output.toPath().resolve("spec.schema.json"));
      return ExitCodes.USAGE;
    }
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".schema", ".tmp");
    try {
      Files.writeString(temp, schema, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    spec.commandLine().getOut().println("wrote " + output);
    return ExitCodes.OK;
  }
}
