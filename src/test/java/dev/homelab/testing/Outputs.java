package dev.homelab.testing;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.SpecException;
import dev.homelab.emit.OutputFile;
import dev.homelab.plan.Ownership;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files gen would write for a spec file plus {@code --set} overrides. */
public final class Outputs {

  private Outputs() {}

  /** The rendered files (failing the test on findings). */
  public static List<OutputFile> render(Path spec, String... sets) {
    Pipeline pipeline = new Pipeline(ServiceCatalog.builtIn());
    try {
      return pipeline.render(pipeline.check(List.of(spec), List.of(sets)));
    } catch (SpecException e) {
      throw new AssertionError("spec " + spec + " is invalid: " + e.diagnostics().sorted(), e);
    }
  }

  /** The rendered files by path. */
  public static Map<String, OutputFile> byPath(List<OutputFile> files) {
    Map<String, OutputFile> out = new LinkedHashMap<>();
    files.forEach(f -> out.put(f.path(), f));
    return out;
  }

  /** The paths of the generated (not created-once) files. */
  public static List<String> generated(List<OutputFile> files) {
    return files.stream().filter(f -> f.ownership() == Ownership.GENERATED).map(OutputFile::path).toList();
  }
}
