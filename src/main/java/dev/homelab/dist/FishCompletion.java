package dev.homelab.dist;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A fish completion script from a picocli command model: one {@code complete} line per
 * subcommand, option and positional value, each guarded by the subcommand the command line is
 * in. A helper function walks the words typed so far to find that subcommand.
 */
public final class FishCompletion {

  private FishCompletion() {}

  /** The script for {@code root} and every subcommand below it that is not hidden. */
  public static String script(CommandSpec root) {
    String name = root.name();
    String fn = "__fish_" + name.replaceAll("[^A-Za-z0-9_]", "_");
    List<CommandSpec> commands = new ArrayList<>();
    collect(root, commands);

    StringBuilder s = new StringBuilder();
    s.append("# fish completion for ").append(name).append(", made by `").append(name)
        .append(" completion fish` from the command line's model.\n");
    s.append("# Install: ").append(name).append(" completion fish > ~/.config/fish/completions/")
        .append(name).append(".fish\n\n");
    // The subcommand path of the words typed so far: "root", "root/gen", "root/catalog/show".
    s.append("function ").append(fn).append("_command\n");
    s.append("    set -l tokens (commandline -opc)\n");
    s.append("    set -e tokens[1]\n");
    s.append("    set -l path root\n");
    s.append("    for t in $tokens\n");
    s.append("        switch \"$path/$t\"\n");
    s.append("            case");
    for (CommandSpec c : commands) {
      if (c != root) {
        s.append(' ').append(quote(path(c)));
      }
    }
    s.append("\n                set path \"$path/$t\"\n");
    s.append("        end\n");
    s.append("    end\n");
    s.append("    echo $path\n");
    s.append("end\n\n");
    s.append("function ").append(fn).append("_at\n");
    s.append("    test (").append(fn).append("_command) = $argv[1]\n");
    s.append("end\n\n");
    s.append("complete -c ").append(name).append(" -f\n");

    for (CommandSpec c : commands) {
      String guard = " -n " + quote(fn + "_at " + path(c));
      s.append("\n# ").append(c.qualifiedName(" ")).append('\n');
      for (CommandSpec sub : c.subcommands().values().stream().map(l -> l.getCommandSpec()).distinct().toList()) {
        if (sub.usageMessage().hidden()) {
          continue;
        }
        s.append("complete -c ").append(name).append(guard).append(" -f -a ").append(quote(sub.name()))
            .append(" -d ").append(quote(summary(sub.usageMessage().description()))).append('\n');
      }
      for (OptionSpec o : c.options()) {
        if (o.hidden()) {
          continue;
        }
        s.append("complete -c ").append(name).append(guard);
        for (String n : o.names()) {
          if (n.startsWith("--")) {
            s.append(" -l ").append(quote(n.substring(2)));
          } else if (n.length() == 2 && n.charAt(0) == '-') {
            s.append(" -s ").append(quote(n.substring(1)));
          } else {
            s.append(" -o ").append(quote(n.substring(1)));
          }
        }
        if (o.arity().max() > 0) {
          s.append(values(o.completionCandidates(), o.isMultiValue() ? o.auxiliaryTypes()[0] : o.type()));
        }
        s.append(" -d ").append(quote(summary(o.description()))).append('\n');
      }
      for (PositionalParamSpec p : c.positionalParameters()) {
        if (p.hidden() || p.completionCandidates() == null) {
          continue;
        }
        s.append("complete -c ").append(name).append(guard).append(values(p.completionCandidates(), p.isMultiValue() ? p.auxiliaryTypes()[0] : p.type()))
            .append(" -d ").append(quote(summary(p.description()))).append('\n');
      }
    }
    return s.toString();
  }

  private static void collect(CommandSpec c, List<CommandSpec> into) {
    if (c.usageMessage().hidden() || into.contains(c)) {
      return;
    }
    into.add(c);
    c.subcommands().values().forEach(l -> collect(l.getCommandSpec(), into));
  }

  /** "root" for the top command, "root/catalog/show" for a subcommand. */
  static String path(CommandSpec c) {
    return c.parent() == null ? "root" : path(c.parent()) + "/" + c.name();
  }

  /** What follows an option or positional: its candidates, files, or any word. */
  private static String values(Iterable<String> candidates, Class<?> type) {
    if (candidates != null && candidates.iterator().hasNext()) {
      List<String> all = new ArrayList<>();
      candidates.forEach(all::add);
      return " -x -a " + quote(String.join(" ", all));
    }
    if (type == File.class || Path.class.isAssignableFrom(type)) {
      return " -r -F";
    }
    return " -x";
  }

  /** The first line of a description, without its trailing period. */
  static String summary(String[] description) {
    if (description == null || description.length == 0) {
      return "";
    }
    String first = description[0].replace("%n", " ").replace("%%", "%").strip();
    return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
  }

  /** A fish single-quoted word: only backslash and the quote are special inside. */
  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
