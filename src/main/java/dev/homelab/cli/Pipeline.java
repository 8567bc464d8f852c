package dev.homelab.cli;

import dev.homelab.bind.Binder;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Sources;
import dev.homelab.diag.Suppressed;
import dev.homelab.emit.OutputFile;
import dev.homelab.load.Node;
import dev.homelab.load.SpecLoader;
import dev.homelab.model.Spec;
import dev.homelab.plan.Notice;
import dev.homelab.plan.Plan;
import dev.homelab.plan.Planner;
import dev.homelab.render.Renderer;
import dev.homelab.validate.Suppressions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages in order: load, bind, validate, then plan and render. Each stage is its own
 * package; this class only passes one's result to the next.
 */
public final class Pipeline {

  private ServiceCatalog catalog;
  private final SpecLoader loader = new SpecLoader();
  private List<Suppressed> suppressed = List.of();
  /** The lab's own service kinds, read on the first check; null when it has none. */
  private Path ownKinds;
  private Diagnostics ownKindWarnings = new Diagnostics();
  private dev.homelab.bind.SourceMap sourceMap;

  public Pipeline(ServiceCatalog catalog) {
    this.catalog = catalog;
  }

  /** A pipeline that adds the kinds of a lab's catalog folder ({@code ownKinds}, may be null). */
  public Pipeline(ServiceCatalog catalog, Path ownKinds) {
    this.catalog = catalog;
    this.ownKinds = ownKinds;
  }

  /** The catalog the spec is compiled with: the built-in kinds and the lab's own. */
  public ServiceCatalog catalog() {
    return catalog;
  }

  /** Reads the lab's own kinds once: located errors throw, warnings join the spec's findings. */
  private void loadOwnKinds() throws SpecException {
    if (ownKinds == null) {
      return;
    }
    Path folder = ownKinds;
    ownKinds = null;
    dev.homelab.catalog.UserKinds.Loaded own = dev.homelab.catalog.UserKinds.load(folder, loader,
        dev.homelab.catalog.OptionCatalog.builtIn(), catalog.kinds());
    ServiceCatalog with = catalog.with(own);
    Diagnostics templates = Renderer.checkOwnTemplates(with);
    if (templates.hasErrors()) {
      throw new SpecException(templates);
    }
    catalog = with;
    ownKindWarnings = own.warnings();
  }

  /** A spec that passed validation, its warnings, the base names of its files, its plan, and the catalog of kinds it was compiled with. */
  public record Checked(Spec spec, Diagnostics warnings, List<String> names, Plan plan, ServiceCatalog catalog) {}

  /** The sources read so far, for quoting lines in findings. */
  public Sources sources() {
    return loader.sources();
  }

  /** Loads, merges, overrides, binds and validates; errors throw with every finding. */
  public Checked check(List<Path> files, List<String> sets) throws SpecException {
    loadOwnKinds();
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      names.add(f.getFileName().toString());
    }
    // The node tree is no local of this method: it is garbage once bound, not held through planning.
    Binder.Bound<Spec> bound = Binder.bind(load(files, sets));
    sourceMap = bound.sourceMap();
    StageClock.mark("bind");
    Diagnostics findings = new dev.homelab.validate.Validator(catalog).validate(bound.value(), bound.sourceMap());
    StageClock.mark("validate");
    ownKindWarnings.sorted().forEach(findings::add);
    if (findings.hasErrors()) {
      throw new SpecException(suppress(bound, findings));
    }
    // Planning is part of checking: what only the plan can tell (which secrets a host reads,
    // which module flakes it imports) is reported by validate as by gen.
    Plan plan = new Planner(catalog).plan(bound.value(), names);
    for (Notice n : plan.notices()) {
      if (n.error()) {
        findings.error(n.code(), n.message(), bound.sourceMap().key(n.path()), n.hint(), n.path());
      } else {
        findings.warning(n.code(), n.message(), bound.sourceMap().key(n.path()), n.hint(), n.path());
      }
    }
    findings = suppress(bound, findings);
    StageClock.mark("plan");
    if (findings.hasErrors()) {
      throw new SpecException(findings);
    }
    return new Checked(bound.value(), findings, names, plan, catalog);
  }

  /** Loads the files in order, merges them and applies the overrides: the spec's node tree. */
  private Node load(List<Path> files, List<String> sets) throws SpecException {
    Node root = null;
    for (Path f : files) {
      Node n = loader.loadFile(f, displayName(f));
      root = root == null ? n : SpecLoader.merge(root, n);
    }
    for (int i = 0; i < sets.size(); i++) {
      root = loader.applySet(root, sets.get(i), i + 1);
    }
    StageClock.mark("load");
    return root;
  }

  /** The findings the spec's suppressions leave; the ones set aside are kept for reports. */
  private Diagnostics suppress(Binder.Bound<Spec> bound, Diagnostics findings) {
    Suppressions.Result r = Suppressions.apply(bound.value(), bound.sourceMap(), findings);
    suppressed = r.suppressed();
    return r.kept();
  }

  /** The warnings the spec's {@code suppress:} list set aside in the last check, with their reasons. */
  public List<Suppressed> suppressed() {
    return suppressed;
  }

  /** Where each value of the spec bound in the last check came from (null before one). */
  public dev.homelab.bind.SourceMap sourceMap() {
    return sourceMap;
  }

  /** Renders a checked spec's plan into the files gen writes. */
  public List<OutputFile> render(Checked checked) {
    List<OutputFile> out = new ArrayList<>();
    for (Renderer.Rendered r : new Renderer(catalog).render(checked.plan())) {
      out.add(new OutputFile(r.file().path(), r.file().ownership(), r.bytes()));
    }
    StageClock.mark("render");
    return out;
  }

  /** A path as the user typed it, with forward slashes, for messages. */
  static String displayName(Path p) {
    return p.toString().replace('\\', '/');
  }
}
