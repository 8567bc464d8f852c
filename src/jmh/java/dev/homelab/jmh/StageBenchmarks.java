package dev.homelab.jmh;

import dev.homelab.bind.Binder;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Diagnostics;
import dev.homelab.emit.Emitter;
import dev.homelab.emit.FileOps;
import dev.homelab.emit.OutputFile;
import dev.homelab.load.Node;
import dev.homelab.load.SpecLoader;
import dev.homelab.model.Spec;
import dev.homelab.plan.Plan;
import dev.homelab.plan.Planner;
import dev.homelab.render.Renderer;
import dev.homelab.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Each stage of the pipeline on a synthetic fleet (src/bench/fleet-spec.sh, HOSTS hosts of
 * SERVICES services), its input made once by the stages before it: load (YAML to nodes),
 * bind (nodes to records), validate (constraints and rules), plan, render (templates), and
 * emit (compare, hash and write the files, into an empty folder and into one that already
 * holds the same output). Steady-state times of a warm JVM, unlike the start-up benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StageBenchmarks {

  @Param({"10", "50"})
  public int hosts;

  @Param({"25"})
  public int services;

  private Path work;
  private Path specFile;
  private String specText;
  private ServiceCatalog catalog;
  private Node node;
  private Binder.Bound<Spec> bound;
  private Plan plan;
  private List<OutputFile> files;
  private Path unchanged;
  private Path fresh;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    work = Files.createTempDirectory("homelab-jmh");
    Process p = new ProcessBuilder("bash", "src/bench/fleet-spec.sh", String.valueOf(hosts), String.valueOf(services))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    specText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("src/bench/fleet-spec.sh failed (run from the project folder)");
    }
    specFile = work.resolve("fleet.yaml");
    Files.writeString(specFile, specText);
    catalog = ServiceCatalog.builtIn();
    node = load();
    bound = bind();
    Diagnostics findings = validate();
    if (findings.hasErrors()) {
      throw new IllegalStateException("the synthetic fleet is invalid: " + findings.sorted());
    }
    plan = plan();
    Pipeline.Checked checked = new Pipeline.Checked(bound.value(), findings, List.of("fleet.yaml"), plan, catalog);
    files = new Pipeline(catalog).render(checked);
    unchanged = work.resolve("unchanged");
    new Emitter(unchanged, new FileOps()).generate(files, false, false);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    delete(work);
  }

  @Setup(Level.Invocation)
  public void emptyFolder() throws IOException {
    fresh = work.resolve("fresh");
    delete(fresh);
  }

  @Benchmark
  public Node load() throws Exception {
    return new SpecLoader().loadFile(specFile, "fleet.yaml");
  }

  @Benchmark
  public Binder.Bound<Spec> bind() throws Exception {
    return Binder.bind(node);
  }

  @Benchmark
  public Diagnostics validate() {
    return new Validator(catalog).validate(bound.value(), bound.sourceMap());
  }

  @Benchmark
  public Plan plan() {
    return new Planner(catalog).plan(bound.value(), List.of("fleet.yaml"));
  }

  @Benchmark
  public List<Renderer.Rendered> render() {
    return new Renderer().render(plan);
  }

  @Benchmark
  public Emitter.Result emitFresh() throws Exception {
    return new Emitter(fresh, new FileOps()).generate(files, false, false);
  }

  @Benchmark
  public Emitter.Result emitUnchanged() throws Exception {
    return new Emitter(unchanged, new FileOps()).generate(files, false, false);
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.forEach(all::add);
    }
    all.sort(Comparator.reverseOrder());
    for (Path f : all) {
      Files.delete(f);
    }
  }
}
