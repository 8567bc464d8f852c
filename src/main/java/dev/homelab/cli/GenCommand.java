package dev.homelab.cli;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Severity;
import dev.homelab.diag.SpecException;
import dev.homelab.emit.Change;
import dev.homelab.emit.Emitter;
import dev.homelab.emit.FileOps;
import dev.homelab.emit.Manifest;
import dev.homelab.emit.OutputFile;
import dev.homelab.emit.OutputLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code homelab gen}: writes the flake, or checks or previews what it would write. */
@Command(name = "gen", mixinStandardHelpOptions = true,
    description = {"Generate the Nix flake from the spec into the output folder.",
        "Only files homelab generated are ever replaced or removed; a file it did not write, or one",
        "edited by hand since, is refused (exit 1) unless --force, which keeps a copy beside it."})
public final class GenCommand implements Callable<Integer> {

  @Mixin
  SpecOptions options;

  @Mixin
  FindingsOptions findings;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: the current folder).")
  Path output = Path.of(".");

  @Option(names = "--check", description = "Write nothing; exit 3 and name every file that differs from what gen would write.")
  boolean check;

  @Option(names = "--dry-run", description = "Write nothing; list what gen would create, update and remove.")
  boolean dryRun;

  @Option(names = "--diff", description = {"Write nothing; print a unified diff of what gen would change (patch -p1 applies it).",
      "With --check: the diff of the stale files, and exit 3 when there are any."})
  boolean diff;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      converter = ColorWhen.class, completionCandidates = ColorWhen.Candidates.class,
      description = "Colour the diff: auto (on a terminal, unless NO_COLOR is set), always or never.")
  DiffPrinter.When color = DiffPrinter.When.AUTO;

  @Option(names = "--force", description = "Replace files homelab did not write or that were edited by hand (keeping <file>.homelab-old).")
  boolean force;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (check && (dryRun || force)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--check cannot be combined with --dry-run or --force");
    }
    Pipeline pipeline = new Pipeline(ServiceCatalog.builtIn(), options.ownKinds(spec));
    Reporter reporter = new Reporter(findings, pipeline, spec.commandLine().getOut(), spec.commandLine().getErr());
    PrintWriter out = reporter.human();
    PrintWriter err = spec.commandLine().getErr();
    try {
      // The output folder is judged first: a file, or `/` and the like, is refused before anything is read or locked.
      dev.homelab.emit.OutputFolder.check(output);
      Pipeline.Checked checked = pipeline.check(options.files(spec), options.sets);
      reporter.print(checked.warnings());
      reporter.suppressed(pipeline.suppressed());
      List<OutputFile> files = pipeline.render(checked);
      Path root = output.toAbsolutePath().normalize();
      // Read before the files are replaced; said only once the run has gone through.
      Diagnostics drift = check ? new Diagnostics() : dev.homelab.emit.DatasetDrift.between(root, files);
      StageClock.mark("drift");
      long warnings = checked.warnings().count(Severity.WARNING) + drift.count(Severity.WARNING);
      if (findings.failOn == FindingsOptions.FailOn.WARNING && warnings > 0) {
        reporter.print(drift);
        err.println("refused: " + warnings + " warning(s), and --fail-on warning: nothing written");
        return ExitCodes.INVALID;
      }
      Emitter emitter = new Emitter(root, new FileOps());
      if (check) {
        Emitter.Result r = emitter.check(files);
        if (diff) {
          printDiff(root, files, r, out);
        }
        if (r.stale().isEmpty()) {
          out.println("up to date: " + files.size() + " files");
          return ExitCodes.OK;
        }
        err.println("stale: " + r.stale().size() + " file(s) differ from what `homelab gen` would write:");
        r.stale().forEach(p -> err.println("  " + p));
        err.println("run `homelab gen` and commit the result");
        return ExitCodes.STALE;
      }
      boolean firstRun = !Files.exists(root.resolve(Manifest.NAME));
      Emitter.Result r;
      if (diff) {
        r = emitter.generate(files, force, true);
        reporter.print(drift);
        printDiff(root, files, r, out);
        out.println("diff: " + r.changed().size() + " file(s) would change in " + output + "; nothing written");
        return ExitCodes.OK;
      }
      if (dryRun) {
        r = emitter.generate(files, force, true);
      } else {
        // One gen at a time per folder: a second run waits for the first, then decides afresh.
        try (OutputLock lock = OutputLock.take(root, LOCK_WAIT,
            () -> {
              err.println("waiting for another `homelab gen` writing to " + output + " ...");
              err.flush();
            })) {
          r = emitter.generate(files, force, false);
        }
      }
      StageClock.mark("emit");
      reporter.print(drift);
      // One write for the whole list: a fleet's thousands of lines, each flushed on its own,
      // cost a system call each.
      StringBuilder list = new StringBuilder();
      for (Change c : r.changed()) {
        list.append(dryRun ? "would " : "").append(c.action().label()).append(": ").append(c.path()).append(System.lineSeparator());
      }
      out.print(list);
      exposure(checked, r, dryRun, out);
      long unchanged = r.changes().size() - r.changed().size();
      out.println((dryRun ? "dry run: " : "") + r.changed().size() + " changed, " + unchanged + " unchanged in " + output);
      if (!dryRun) {
        notes(checked, root, firstRun, out);
      }
      return ExitCodes.OK;
    } catch (SpecException e) {
      reporter.print(e.diagnostics());
      reporter.suppressed(pipeline.suppressed());
      return ExitCodes.INVALID;
    } catch (java.nio.file.FileSystemException e) {
      // The disk said no (permissions, space, a read-only folder): the user's to fix, not a bug.
      Diagnostics refused = new Diagnostics();
      refused.add(Emitter.refused(output.toAbsolutePath().normalize(), e));
      reporter.print(refused);
      return ExitCodes.INVALID;
    } finally {
      reporter.finish();
    }
  }

  private void printDiff(Path root, List<OutputFile> files, Emitter.Result r, PrintWriter out) throws IOException {
    java.util.Map<String, String> planned = new java.util.HashMap<>();
    files.forEach(f -> planned.put(f.path(), f.content()));
    boolean terminal = System.console() != null && out == spec.commandLine().getOut();
    new DiffPrinter(DiffPrinter.colour(color, System.getenv(), terminal))
        .print(dev.homelab.emit.Diffs.of(root, r.changes(), planned), out);
    out.flush();
  }

  static final class ColorWhen extends LowerCase<DiffPrinter.When> {
    ColorWhen() {
      super(DiffPrinter.When.class, "value");
    }

    /** The values shell completion offers. */
    static final class Candidates extends LowerCase.Names<DiffPrinter.When> {
      Candidates() {
        super(DiffPrinter.When.class);
      }
    }
  }

  /** How long a run waits for another run on the same folder before it is refused. */
  static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(30);

  /** Files whose change changes who reaches a host's services. */
  private static final List<String> EXPOSURE_FILES = List.of("network.nix", "caddy.nix", "traefik.nix", "nginx.nix", "tunnel.nix");

  /** Who reaches what, for each host whose firewall, proxy or tunnel file this run changes. */
  private static void exposure(Pipeline.Checked checked, Emitter.Result r, boolean dryRun, PrintWriter out) {
    // The changed paths once, so each host is a few look-ups (a fleet has thousands of files).
    java.util.Set<String> changedPaths = new java.util.HashSet<>();
    r.changed().forEach(c -> changedPaths.add(c.path()));
    checked.plan().exposure().forEach((host, lines) -> {
      boolean changed = EXPOSURE_FILES.stream().anyMatch(f -> changedPaths.contains("hosts/" + host + "/" + f));
      if (changed) {
        out.println("exposure of " + host + (dryRun ? " (would be)" : "") + ":");
        lines.forEach(l -> out.println("  " + l));
      }
    });
  }

  private static void notes(Pipeline.Checked checked, Path root, boolean firstRun, PrintWriter out) {
    for (String host : checked.spec().hosts().keySet()) {
      if (Files.exists(root.resolve("secrets/" + host + ".required.yaml")) && !Files.exists(root.resolve("secrets/" + host + ".yaml"))) {
        out.println("note: secrets/" + host + ".yaml is missing: `sops secrets/" + host + ".yaml` creates it;"
            + " secrets/" + host + ".required.yaml lists what goes in");
      }
    }
    if (firstRun) {
      out.println("note: flakes see only files git tracks: `git add` the new files before `nixos-rebuild`");
      checked.spec().hosts().forEach((host, h) -> h.storage().forEach((pool, p) -> {
        if (p.existing()) {
          out.println("note: " + host + " imports its existing pool " + pool + " at boot; if another machine (another"
              + " hostId) used it last without exporting it, run `zpool import -f " + pool + "` once on " + host
              + " (after the first switch, when its import unit failed), then reboot");
        }
      }));
    }
  }
}
