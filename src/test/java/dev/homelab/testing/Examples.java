package dev.homelab.testing;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.SpecException;
import dev.homelab.emit.OutputFile;
import dev.homelab.plan.Plan;
import dev.homelab.plan.Planner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The example specs under examples/, and what the compiler makes of them. */
public final class Examples {

  public static final Path DIR = Path.of("examples");

  private Examples() {}

  /** Every example spec, sorted. */
  public static List<Path> all() {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example's name: its file name without .yaml. */
  public static String name(Path spec) {
    String n = spec.getFileName().toString();
    return n.substring(0, n.length() - ".yaml".length());
  }

  /** Loads and validates a spec (failing the test on findings). */
  public static Pipeline.Checked check(Path spec) {
    return check(spec, List.of());
  }

  /** Loads and validates a spec with {@code --set} overrides (failing the test on findings). */
  public static Pipeline.Checked check(Path spec, List<String> sets) {
    try {
      return new Pipeline(ServiceCatalog.builtIn()).check(List.of(spec), sets);
    } catch (SpecException e) {
      throw new AssertionError("spec " + spec + " is invalid: " + e.diagnostics().sorted(), e);
    }
  }

  /** The plan of a spec. */
  public static Plan plan(Path spec) {
    Pipeline.Checked c = check(spec);
    return new Planner(ServiceCatalog.builtIn()).plan(c.spec(), c.names());
  }

  /** The rendered files of a spec, by path. */
  public static Map<String, String> render(Path spec) {
    return render(spec, List.of());
  }

  /** The rendered files of a spec with {@code --set} overrides ({@code hosts.nuc.services.immich.claimed=true}), by path. */
  public static Map<String, String> render(Path spec, List<String> sets) {
    Map<String, String> out = new LinkedHashMap<>();
    for (OutputFile f : new Pipeline(ServiceCatalog.builtIn()).render(check(spec, sets))) {
      out.put(f.path(), f.content());
    }
    return out;
  }
}
