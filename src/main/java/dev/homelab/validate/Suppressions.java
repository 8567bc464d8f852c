package dev.homelab.validate;

import dev.homelab.bind.SourceMap;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Suppressed;
import dev.homelab.model.Spec;
import dev.homelab.model.Suppression;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the spec's {@code suppress:} list to the findings of a run: a warning it covers is
 * set aside with its reason (machine-readable reports still carry it, marked suppressed); an
 * error is never suppressed; a suppression that covers no warning is itself a warning
 * (HL0303), so stale ones do not pile up.
 */
public final class Suppressions {

  /** The findings still reported, and those set aside. */
  public record Result(Diagnostics kept, List<Suppressed> suppressed) {}

  private Suppressions() {}

  public static Result apply(Spec spec, SourceMap sources, Diagnostics findings) {
    List<Suppression> list = spec == null ? List.of() : spec.suppress();
    if (list.isEmpty()) {
      return new Result(findings, List.of());
    }
    Diagnostics kept = new Diagnostics();
    List<Suppressed> suppressed = new ArrayList<>();
    boolean[] used = new boolean[list.size()];
    boolean[] matchedError = new boolean[list.size()];
    for (Diagnostic d : findings.sorted()) {
      int by = -1;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).covers(d.code(), d.path())) {
          if (d.isError()) {
            matchedError[i] = true;
          } else if (by < 0) {
            by = i;
          }
        }
      }
      if (by >= 0) {
        used[by] = true;
        suppressed.add(new Suppressed(d, list.get(by).reason()));
      } else {
        kept.add(d);
      }
    }
    for (int i = 0; i < list.size(); i++) {
      if (used[i]) {
        continue;
      }
      Suppression s = list.get(i);
      String path = "suppress[" + i + "]";
      if (matchedError[i]) {
        kept.warning("HL0303", "the suppression of " + s.code() + " at `" + s.at() + "` covers an error, and errors cannot be suppressed",
            sources.key(path), "fix what the error says, then remove the suppression", path);
      } else {
        kept.warning("HL0303", "the suppression of " + s.code() + " at `" + s.at() + "` covers no warning",
            sources.key(path), "remove it, or correct `at:` to the finding's spec path (`homelab validate --format json` prints each finding's `path`)", path);
      }
    }
    return new Result(kept, List.copyOf(suppressed));
  }
}
