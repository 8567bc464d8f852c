package dev.homelab.catalog;

import dev.homelab.bind.Binder;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Span;
import dev.homelab.load.ListNode;
import dev.homelab.load.MapNode;
import dev.homelab.load.Node;
import dev.homelab.load.ScalarNode;
import dev.homelab.load.SpecLoader;
import dev.homelab.nix.NixValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The service kinds of a lab's own {@code catalog/} folder: {@code catalog/<kind>/service.yaml}
 * and {@code catalog/<kind>/<kind>.nix.ftl}, in the format of the built-in ones. Each is read
 * and checked as the built-ins are checked when they are made: the descriptor binds (an
 * unknown field, a wrong type), its {@code kind} is its folder's name, its ports and user are
 * valid, its conditions name facts it has, and every option path it sets is in the option
 * catalog. Every problem is an error located in the user's file; a kind that takes the name
 * of a built-in one wins over it, with a warning.
 */
public final class UserKinds {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private static final Pattern FACT_SEGMENT = Pattern.compile("\\{([a-zA-Z0-9_.]+)}");

  /** The kinds read, by name, and the warnings about them. */
  public record Loaded(Map<String, ServiceDescriptor> kinds, Path folder, Diagnostics warnings) {}

  private UserKinds() {}

  /**
   * Reads every kind in {@code folder}; {@code loader} records the files for quoting,
   * {@code builtIn} names the kinds that ship with the tool.
   */
  public static Loaded load(Path folder, SpecLoader loader, OptionCatalog options, List<String> builtIn)
      throws SpecException {
    Diagnostics findings = new Diagnostics();
    Map<String, ServiceDescriptor> kinds = new LinkedHashMap<>();
    List<Path> entries;
    try (Stream<Path> list = Files.list(folder)) {
      entries = list.sorted().toList();
    } catch (IOException e) {
      findings.error("HL0660", "cannot read the service catalog folder `" + folder + "`: " + e.getMessage(),
          new Span(folder.toString(), 0, 0, 0), "give --catalog a readable folder of service kinds");
      throw new SpecException(findings);
    }
    Set<String> names = new TreeSet<>(builtIn);
    entries.stream().filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".") || !Files.isDirectory(entry)) {
        continue;
      }
      Path file = entry.resolve("service.yaml");
      String shown = folder.resolve(name).resolve("service.yaml").toString();
      if (!NAME.matcher(name).matches()) {
        findings.error("HL0660", "`" + name + "` in the service catalog is no kind name", new Span(entry.toString(), 0, 0, 0),
            "a kind is named by its folder: lower-case letters, digits and dashes, starting with a letter");
        continue;
      }
      if (!Files.isRegularFile(file)) {
        findings.error("HL0660", "the service kind `" + name + "` has no descriptor: `" + shown + "` is missing",
            new Span(entry.toString(), 0, 0, 0), "`homelab catalog eject KIND` writes one to start from");
        continue;
      }
      Node tree;
      ServiceDescriptor d;
      try {
        tree = loader.loadFile(file, shown);
        d = Binder.bind(tree, ServiceDescriptor.class).value();
      } catch (SpecException e) {
        e.diagnostics().sorted().forEach(findings::add);
        continue;
      }
      MapNode map = (MapNode) tree;
      Diagnostics own = new Diagnostics();
      check(name, d, map, shown, options, names, own);
      own.sorted().forEach(findings::add);
      if (own.hasErrors()) {
        continue;
      }
      if (builtIn.contains(name)) {
        findings.warning("HL0661", "the service kind `" + name + "` in " + folder + "/ replaces the built-in kind of that name",
            span(map, "kind", shown), "rename its folder and `kind` to keep both, or delete it to use the built-in one");
      }
      kinds.put(name, d);
    }
    if (findings.hasErrors()) {
      throw new SpecException(findings);
    }
    return new Loaded(kinds, folder, findings);
  }

  private static void check(String folderName, ServiceDescriptor d, MapNode map, String shown, OptionCatalog options,
      Set<String> names, Diagnostics findings) {
    if (!folderName.equals(d.kind())) {
      findings.error("HL0662", "the descriptor in `" + folderName + "/` says `kind: " + d.kind() + "`",
          span(map, "kind", shown), "a kind's `kind` is its folder's name: write `kind: " + folderName + "`");
    }
    if (d.port() != null && (d.port() < 1 || d.port() > 65535)) {
      findings.error("HL0663", "port " + d.port() + " is out of range", span(map, "port", shown), "a port is 1 to 65535");
    }
    if (d.extraPorts() != null && map.get("extraPorts") instanceof MapNode extra) {
      d.extraPorts().forEach((port, number) -> {
        if (number == null || number < 1 || number > 65535) {
          findings.error("HL0663", "port `" + port + "` (" + number + ") is out of range", span(extra, port, shown),
              "a port is 1 to 65535");
        }
      });
    }
    for (String field : List.of("user", "group")) {
      String value = field.equals("user") ? d.user() : d.group();
      if (value != null && !USER.matcher(value).matches()) {
        findings.error("HL0664", "`" + value + "` is no " + field + " name", span(map, field, shown),
            "a " + field + " name is lower-case letters, digits, `_` and `-`, at most 32, not starting with a digit");
      }
    }
    for (String problem : Facts.conditionProblems(d, names)) {
      findings.error("HL0665", problem, condition(map, problem, shown),
          "a condition names a fact the kind has, or a setting it declares (docs/architecture.md)");
    }
    if (map.get("options") instanceof ListNode blocks) {
      for (Node block : blocks.items()) {
        if (block instanceof MapNode b && b.get("set") instanceof MapNode set) {
          options(List.of(), set, options, findings);
        }
      }
    }
  }

  /** Every option path a block sets, judged by the option catalog, with its place in the file. */
  private static void options(List<String> prefix, MapNode set, OptionCatalog options, Diagnostics findings) {
    for (MapNode.Entry e : set.entries().values()) {
      List<String> path = new ArrayList<>(prefix);
      for (String segment : OptionCatalog.split(e.key())) {
        // A segment filled in from a fact ({fqdn}) is a name there, any name.
        path.add(FACT_SEGMENT.matcher(segment).replaceAll("$1"));
      }
      Node value = e.value();
      if (value instanceof MapNode m && !isValueForm(m)) {
        options(path, m, options, findings);
        continue;
      }
      // As for a built-in kind, an option the catalog does not list is an error, not a
      // warning: what a kind sets is checked before it is written, never left to Nix.
      OptionCatalog.Verdict v = options.explain(path, probe(value));
      if (v.kind() != OptionCatalog.Verdict.Kind.OK) {
        String message = v.kind() == OptionCatalog.Verdict.Kind.UNCHECKED
            ? "`" + OptionCatalog.display(path) + "` is not in the option catalog" : v.message();
        findings.error("HL0666", message, e.keySpan(), v.hint() != null ? v.hint()
            : "set only options the NixOS option catalog lists (docs/catalog.md); others go in a host's `nixos:`");
      }
    }
  }

  private static boolean isValueForm(MapNode m) {
    return m.entries().size() == 1 && dev.homelab.catalog.OptionBlock.VALUE_FORMS.contains(m.entries().keySet().iterator().next());
  }

  /**
   * A value to judge the option with: a literal as itself, a value form (a fact, a setting, a
   * secret: known only when planned) as a value any option takes.
   */
  private static NixValue probe(Node value) {
    if (value instanceof ScalarNode s) {
      return switch (s.kind()) {
        case BOOLEAN -> new NixValue.Bool(Boolean.parseBoolean(s.text()));
        case INTEGER -> s.text().matches("-?[0-9]{1,18}") ? new NixValue.Int(Long.parseLong(s.text())) : new NixValue.Str(s.text());
        default -> new NixValue.Str(s.text());
      };
    }
    if (value instanceof ListNode l) {
      return new NixValue.ListOf(l.items().stream().map(UserKinds::probe).toList());
    }
    return new NixValue.Ref("config.anything");
  }

  /** The `when` a condition problem is about: the first block whose condition it quotes. */
  private static Span condition(MapNode map, String problem, String file) {
    if (map.get("options") instanceof ListNode blocks) {
      for (Node block : blocks.items()) {
        if (block instanceof MapNode b && b.get("when") instanceof ScalarNode when && problem.contains(when.text())) {
          return when.span();
        }
      }
    }
    return span(map, "options", file);
  }

  private static Span span(MapNode map, String key, String file) {
    MapNode.Entry e = map.entries().get(key);
    if (e != null) {
      return e.value().span();
    }
    return map.span() != null ? map.span() : new Span(file, 1, 1, 0);
  }
}
