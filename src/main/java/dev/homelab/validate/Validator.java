package dev.homelab.validate;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Span;
import dev.homelab.model.Spec;
import dev.homelab.validate.values.Problem;
import dev.homelab.validate.rules.Rules;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.work.Cores;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Checks a bound spec: field constraints declared on the records ({@link FieldConstraints},
 * reported as HL0300; a value constraint may find a value that works but is likely wrong, a
 * warning) and the cross-cutting rules of {@link Rules}. Every finding is
 * collected; none stops the others.
 */
public final class Validator {

  private final ServiceCatalog catalog;

  public Validator(ServiceCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * From this many hosts, the field constraints and the rules run on every core, each whole on
   * one thread: a lab's spec is checked before other threads would have started.
   */
  static final int PARALLEL_FROM = 8;

  public Diagnostics validate(Spec spec, SourceMap sources) {
    return validate(spec, sources, spec.hosts().size() >= PARALLEL_FROM);
  }

  /**
   * As above, on every core or on this thread alone (tests compare both). The findings are
   * the same either way and in the same order: the field constraints', then each rule's in
   * the order of {@link Rules#all()}.
   */
  Diagnostics validate(Spec spec, SourceMap sources, boolean everyCore) {
    List<Rule> rules = Rules.all();
    // The services of each host with the catalog's defaults, made once for all rules.
    Map<String, List<EffectiveService>> services = new ConcurrentHashMap<>();
    // Index -1 stands for the field constraints.
    List<Integer> checks = IntStream.range(-1, rules.size()).boxed().toList();
    List<Diagnostics> found = Cores.map(checks, everyCore ? 1 : Integer.MAX_VALUE, i -> {
      Diagnostics d = new Diagnostics();
      if (i < 0) {
        fieldConstraints(spec, sources, d);
      } else {
        RuleContext ctx = new RuleContext(spec, sources, catalog, d, services);
        ctx.use(rules.get(i));
        rules.get(i).check(ctx);
      }
      return d;
    });
    Diagnostics diagnostics = new Diagnostics();
    found.forEach(diagnostics::addAll);
    return diagnostics;
  }

  private static void fieldConstraints(Spec spec, SourceMap sources, Diagnostics diagnostics) {
    for (FieldConstraints.Violation v : FieldConstraints.validate(spec)) {
      String path = v.path();
      Span at = sources.has(path) ? sources.value(path) : sources.key(path);
      // A value constraint says what is wrong with the value, how to write it, and how bad it is.
      Problem p = v.problem();
      String message = v.message() + " (`" + (path.isEmpty() ? "spec" : path) + "`)";
      if (p != null && p.warning()) {
        diagnostics.warning("HL0300", message, at, p.hint(), path);
      } else {
        diagnostics.error("HL0300", message, at, p != null ? p.hint() : null, path);
      }
    }
  }

  /** For tests: the ids of every rule. */
  public static List<String> ruleIds() {
    return Rules.all().stream().map(Rule::id).toList();
  }
}
