package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.Effective;
import dev.homelab.catalog.SettingSpec;
import dev.homelab.diag.Suggest;
import dev.homelab.model.Service;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import dev.homelab.validate.values.FilePaths;
import dev.homelab.validate.values.Problem;
import java.util.List;
import java.util.Map;

/** HL0315: a service's {@code settings} are the ones its catalog kind declares, with their types. */
public final class ServiceSettings implements Rule {

  private static final java.util.regex.Pattern TEXT = java.util.regex.Pattern.compile("[^\\p{Cntrl}\"'`\\\\]*");

  @Override
  public String id() {
    return "HL0315";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      for (Map.Entry<String, Service> s : host.services().entrySet()) {
        var d = ctx.catalog().find(Effective.kindOf(s.getKey(), s.getValue()));
        if (d.isEmpty()) {
          continue;
        }
        String path = SourceMap.path("hosts", hostName, "services", s.getKey(), "settings");
        Map<String, SettingSpec> known = d.get().settings();
        for (Map.Entry<String, Object> e : s.getValue().settings().entrySet()) {
          SettingSpec spec = known.get(e.getKey());
          String at = SourceMap.child(path, e.getKey());
          if (spec == null) {
            String hint = Suggest.didYouMean(e.getKey(), known.keySet());
            ctx.errorAtKey(at, "`" + d.get().kind() + "` has no setting `" + e.getKey() + "`",
                hint != null ? hint : known.isEmpty() ? "this kind takes no settings" : "its settings: " + String.join(", ", known.keySet()));
            continue;
          }
          if ("path".equals(spec.type()) && e.getValue() instanceof String p) {
            // The same check as every path field of the spec (@AbsolutePath); paths reach
            // tmpfiles lines, unit command lines and container volume specs (`SRC:DST`).
            Problem problem = FilePaths.absolute(p);
            if (problem != null) {
              ctx.error(at, "setting `" + e.getKey() + "`: " + problem.message(), problem.hint());
            }
            continue;
          }
          String problem = typeProblem(spec.type(), e.getValue());
          if (problem != null) {
            ctx.error(at, "setting `" + e.getKey() + "` " + problem, spec.description());
          }
        }
      }
    });
  }

  private static String typeProblem(String type, Object v) {
    switch (type) {
      case "boolean":
        return v instanceof Boolean ? null : "takes `true` or `false`";
      case "integer":
        return v instanceof Long ? null : "takes a whole number";
      case "list":
        return v instanceof List<?> l && l.stream().allMatch(String.class::isInstance) ? null : "takes a list of strings";
      case "path":
        // A string is checked by FilePaths; anything else is no path at all.
        return "takes an absolute path of letters, digits and `/ . _ @ + -`";
      case "secret":
        return v instanceof Map<?, ?> m && m.size() == 1 && m.get("secret") instanceof String ? null
            : v instanceof Map ? "takes `{ secret: NAME }`" : null;
      default:
        // Free text still lands in the languages inside Nix strings (INI, env files, unit
        // lines): one line of printable characters without quotes or backslashes.
        return v instanceof String t && TEXT.matcher(t).matches() ? null
            : v instanceof String ? "takes one line of text without quotes, backslashes or control characters"
            : "takes a string";
    }
  }
}
