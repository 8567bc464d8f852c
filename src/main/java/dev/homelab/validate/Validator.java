package dev.homelab.validate;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Span;
import dev.homelab.model.Spec;
import dev.homelab.validate.values.Problem;
import dev.homelab.validate.rules.Rules;
import java.util.List;

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

  public Diagnostics validate(Spec spec, SourceMap sources) {
    Diagnostics diagnostics = new Diagnostics();
    fieldConstraints(spec, sources, diagnostics);
    RuleContext ctx = new RuleContext(spec, sources, catalog, diagnostics);
    for (Rule rule : Rules.all()) {
      ctx.use(rule);
      rule.check(ctx);
    }
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
