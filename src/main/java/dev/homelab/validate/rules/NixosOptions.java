package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.OptionCatalog;
import dev.homelab.nix.NixData;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HL0390: options written in a spec's {@code nixos:} (per host, per service) are real NixOS
 * options with fitting values: an unknown option below a prefix the option catalog knows
 * completely (its modules read whole) is an error with the closest name; anywhere else the
 * catalog may just not list it, so it is a warning (Nix checks it at build), still with the
 * closest name. A value its option's type does not take is an error (a single value where a
 * list is required, a package name that is no attribute path). An option written twice
 * (dotted and nested, or in two spec files) is an error at the later key, and so is an option
 * the lab's channel does not have (the catalog records the release that added or removed
 * it). Options of module flakes the host does not import are refused by planning, which
 * knows the flake's inputs. Options below a prefix a spec input declares
 * ({@code flake.inputs.<name>.options}) are not judged here: the catalog does not hold them
 * (HL0408 checks the host imports the input's module).
 */
public final class NixosOptions implements Rule {

  @Override
  public String id() {
    return "HL0390";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      String hostPath = SourceMap.path("hosts", hostName);
      check(ctx, SourceMap.child(hostPath, "nixos"), host.nixos());
      host.services().forEach((name, s) -> check(ctx, SourceMap.path(hostPath, "services", name, "nixos"), s.nixos()));
    });
  }

  private static void check(RuleContext ctx, String at, Map<String, Object> options) {
    check(ctx, at, options, OptionCatalog.builtIn(), "`nixos:`");
  }

  /** Judges options against a catalog ({@code section} names where they are written, for messages). */
  static void check(RuleContext ctx, String at, Map<String, Object> options, OptionCatalog catalog, String section) {
    if (options.isEmpty()) {
      return;
    }
    setTwice(ctx, at, options, section);
    portRanges(ctx, at, options);
    for (Map.Entry<String, Object> e : options.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      // Each top-level key is judged with everything below it, located at that key.
      for (OptionLeaf leaf : OptionLeaf.flatten(NixData.bindings(Map.of(e.getKey(), e.getValue())))) {
        if (leaf.path().stream().anyMatch(k -> k.chars().anyMatch(Character::isISOControl))) {
          ctx.errorAtKey(SourceMap.child(at, e.getKey()), "`" + OptionCatalog.display(leaf.path())
              + "` is no option: a name in it holds a control character (a line break, a tab)",
              "write the option's name on one line, as the NixOS manual spells it");
          continue;
        }
        if (InputOptions.declaring(ctx.spec().flake().inputs(), leaf.path()) != null) {
          // An option of a spec input's module: not in the catalog, left to Nix (HL0408 checks the host imports it).
          continue;
        }
        OptionCatalog.Verdict v = catalog.explain(leaf.path(), leaf.value());
        String where = SourceMap.child(at, e.getKey());
        if (v.kind() == OptionCatalog.Verdict.Kind.ERROR) {
          ctx.errorAtKey(where, v.message(), v.hint());
        } else if (v.kind() == OptionCatalog.Verdict.Kind.UNCHECKED) {
          ctx.warningAtKey(where, v.message(), v.hint());
        } else if (ctx.spec().homelab() != null && ctx.spec().homelab().channel() != null) {
          // Without a channel (already refused as missing) there is no release to judge against.
          String channel = ctx.spec().homelab().channel();
          String why = catalog.notInRelease(leaf.path(), channel);
          if (why != null) {
            ctx.errorAtKey(where, "`" + OptionCatalog.display(leaf.path()) + "` is not in " + channel + ": " + why,
                "the lab follows homelab.channel `" + channel + "`: set what that release has instead, or change the channel");
          }
        }
      }
    }
  }

  /**
   * A port range ({@code networking.firewall.allowedTCPPortRanges} and the like: a list of
   * {@code { from, to }}) whose {@code from} is above its {@code to}. Its type (16-bit integers)
   * is the catalog's to judge; the order of the two is not in any type, and the firewall would
   * refuse the rule when the host switches.
   */
  private static void portRanges(RuleContext ctx, String at, Object value) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String path = SourceMap.child(at, key);
        if (key.endsWith("PortRanges") && e.getValue() instanceof List<?> ranges) {
          for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i) instanceof Map<?, ?> range && range.get("from") instanceof Long from
                && range.get("to") instanceof Long to && from > to) {
              ctx.error(path + "[" + i + "].from", "port range " + from + "-" + to + " ends before it starts",
                  "a range is `{ from = LOW; to = HIGH; }` with LOW <= HIGH: swap them (`{ from: " + to + ", to: " + from + " }`)");
            }
          }
        } else {
          portRanges(ctx, path, e.getValue());
        }
      }
    }
  }

  /** One option the mapping sets, as the planner merges it, and the top-level key that set it. */
  private record Leaf(List<String> path, boolean isSet, String key) {}

  /**
   * The same option written twice (dotted in one place, nested in another, or in two spec
   * files), or a value given to a path that another key sets options below: the planner could
   * not merge them into one module.
   */
  private static void setTwice(RuleContext ctx, String at, Map<String, Object> options, String section) {
    List<Leaf> seen = new ArrayList<>();
    for (Map.Entry<String, Object> e : options.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      List<Leaf> mine = new ArrayList<>();
      for (Binding b : NixData.bindings(Map.of(e.getKey(), e.getValue()))) {
        leaves(b.path(), b.value(), e.getKey(), mine);
      }
      for (Leaf leaf : mine) {
        for (Leaf other : seen) {
          String clash = clash(other, leaf, section);
          if (clash != null) {
            String where = SourceMap.child(at, e.getKey());
            String by = other.key().equals(leaf.key()) ? "twice under `" + leaf.key() + "`"
                : "by `" + other.key() + "` and again by `" + leaf.key() + "`";
            ctx.errorAtKey(where, clash + " " + by, "write each option once: keep one of them, or nest"
                + " the dotted key into the mapping beside it");
          }
        }
        seen.add(leaf);
      }
    }
  }

  /** Why two leaves cannot both be written, or null when they can. */
  private static String clash(Leaf a, Leaf b, String section) {
    if (a.path().equals(b.path())) {
      return "`" + String.join(".", a.path()) + "` is set twice in " + section + ",";
    }
    Leaf shorter = a.path().size() < b.path().size() ? a : b;
    Leaf longer = shorter == a ? b : a;
    if (!shorter.isSet() && longer.path().subList(0, shorter.path().size()).equals(shorter.path())) {
      return "`" + String.join(".", shorter.path()) + "` is given a value and `" + String.join(".", longer.path())
          + "` is set below it in " + section + ",";
    }
    return null;
  }

  /** Leaves as the planner merges them: sets with bindings are walked, anything else is one value. */
  private static void leaves(List<String> path, NixValue value, String key, List<Leaf> out) {
    if (value instanceof NixValue.Attrs a && !a.bindings().isEmpty()) {
      for (Binding b : a.bindings()) {
        List<String> p = new ArrayList<>(path);
        p.addAll(b.path());
        leaves(p, b.value(), key, out);
      }
    } else {
      out.add(new Leaf(List.copyOf(path), value instanceof NixValue.Attrs, key));
    }
  }
}
