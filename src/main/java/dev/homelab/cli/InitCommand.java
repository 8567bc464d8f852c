package dev.homelab.cli;

import dev.homelab.catalog.NixosReleases;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.OsReason;
import dev.homelab.diag.Sources;
import dev.homelab.diag.Span;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.TextRenderer;
import dev.homelab.init.Starter;
import dev.homelab.schema.SpecSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code homelab init [DIR]}: a commented starter spec, valid as it is, and the JSON Schema
 * its first line names. Never asks anything; never replaces a spec without {@code --force}.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Write a commented starter spec, DIR/homelab.yaml, valid as it is.",
        "Its first line points editors at the spec's JSON Schema, written beside it: DIR/" + Starter.SCHEMA_PATH + ".",
        "An existing homelab.yaml is replaced only with --force, and kept as homelab.yaml.homelab-old.",
        "Nothing is asked: every choice is a flag."})
public final class InitCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The folder to write into (created if missing; default: the current folder).")
  String dir;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "The lab's DNS domain: services are served at <subdomain>.DOMAIN (default: ${DEFAULT-VALUE}).")
  String domain = "home.arpa";

  @Option(names = "--host", paramLabel = "NAME", description = "The name of the first host (default: ${DEFAULT-VALUE}).")
  String host = "server";

  @Option(names = "--name", paramLabel = "NAME", description = "The lab's name (default: the folder's name).")
  String name;

  @Option(names = "--service", paramLabel = "KIND", description = "A service the host runs, by catalog kind (`homelab catalog`); repeatable.")
  List<String> services = new ArrayList<>();

  @Option(names = "--force", description = "Replace an existing homelab.yaml, keeping it as homelab.yaml.homelab-old.")
  boolean force;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path folder = Path.of(dir == null ? "." : dir);
    String shown = dir == null ? "" : (dir.endsWith("/") ? dir : dir + "/");
    Path specFile = folder.resolve(Starter.SPEC_FILE);
    Path schemaFile = folder.resolve(Starter.SCHEMA_PATH);
    String release = NixosReleases.builtIn().newest();
    String labName = name != null ? name : Starter.labName(folder.toAbsolutePath().normalize().getFileName() == null
        ? null : folder.toAbsolutePath().normalize().getFileName().toString());

    Sources sources = new Sources();
    Starter starter = new Starter(ServiceCatalog.builtIn(), sources);
    Starter.Request request = new Starter.Request(labName, domain, host, services, release);
    List<String> kinds = starter.check(request);
    if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder)) {
      starter.refuse("HL0605", dir, null, "`" + dir + "` is not a folder", "name a folder to write the spec into, or leave DIR out for the current one");
    } else if (Files.exists(specFile, LinkOption.NOFOLLOW_LINKS) && !force) {
      String first = Files.isRegularFile(specFile) ? firstLine(specFile) : null;
      starter.refuse("HL0600", shown + Starter.SPEC_FILE, first, shown + Starter.SPEC_FILE + " exists; init never replaces a spec",
          "validate it with `homelab validate`, pass --force to replace it (it is kept as " + Starter.SPEC_FILE
              + ".homelab-old), or init another folder");
    } else if (Files.exists(specFile, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(specFile, LinkOption.NOFOLLOW_LINKS)) {
      starter.refuse("HL0605", shown + Starter.SPEC_FILE, null, shown + Starter.SPEC_FILE + " is not a regular file",
          "remove it, or init another folder");
    }
    if (starter.diagnostics().hasErrors()) {
      new TextRenderer(sources).print(starter.diagnostics(), err);
      return ExitCodes.INVALID;
    }

    String text = Starter.render(request, kinds, starter.secrets(kinds));
    Diagnostics misfit = check(text, shown + Starter.SPEC_FILE, sources);
    if (misfit != null) {
      new TextRenderer(sources).print(misfit, err);
      return ExitCodes.INVALID;
    }
    String schema = SpecSchema.builtIn();

    Path at = schemaFile;
    try {
      Files.createDirectories(schemaFile.getParent());
      write(schemaFile, schema);
      if (Files.exists(specFile)) {
        at = folder.resolve(Starter.SPEC_FILE + ".homelab-old");
        Files.copy(specFile, at, StandardCopyOption.REPLACE_EXISTING);
        out.println("kept the old spec as " + shown + Starter.SPEC_FILE + ".homelab-old");
      }
      at = specFile;
      write(specFile, text);
    } catch (IOException e) {
      String where = shown + folder.relativize(at);
      starter.refuse("HL0607", where, null, "cannot write `" + where + "`: " + OsReason.of(e),
          "make the folder writable by the user who runs init" + (at == schemaFile ? "; nothing was written" : ""));
      new TextRenderer(sources).print(starter.diagnostics(), err);
      return ExitCodes.INVALID;
    }
    out.println("wrote " + shown + Starter.SPEC_FILE + " (host " + host + ", " + kinds.size()
        + (kinds.size() == 1 ? " service" : " services") + ") and " + shown + Starter.SCHEMA_PATH);
    String cd = dir == null ? "" : "cd " + dir + " && ";
    out.println("next: " + cd + "homelab validate, then homelab gen (it writes the flake beside the spec)");
    return ExitCodes.OK;
  }

  /**
   * Checks the starter as validate would. Its values are checked already, so what is left is
   * how the services asked for fit together (two on one default port, two sign-on providers):
   * those findings are located in the text that would have been written, and nothing is.
   */
  private static Diagnostics check(String text, String shownFile, Sources sources) throws IOException {
    Path temp = Files.createTempDirectory("homelab-init");
    Path file = temp.resolve(Starter.SPEC_FILE);
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      new Pipeline(ServiceCatalog.builtIn()).check(List.of(file), List.of());
      return null;
    } catch (SpecException e) {
      String name = shownFile;
      sources.add(name, text);
      Diagnostics found = new Diagnostics();
      found.error("HL0606", "the services asked for do not fit together in one starter spec; nothing was written", Span.NONE,
          "leave out one --service of each finding below, and add it after init with its own settings");
      for (Diagnostic d : e.diagnostics().sorted()) {
        if (!d.isError()) {
          continue;
        }
        Span s = d.span();
        found.add(new Diagnostic(d.code(), d.severity(), d.message().replace(file.toString(), name),
            s.isKnown() ? new Span(name, s.line(), s.column(), s.length()) : s, d.hint(), d.path()));
      }
      return found;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(temp);
    }
  }

  private static String firstLine(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst().orElse("");
    } catch (java.io.UncheckedIOException e) {
      return null;
    }
  }

  private static void write(Path target, String text) throws IOException {
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".homelab-init", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
