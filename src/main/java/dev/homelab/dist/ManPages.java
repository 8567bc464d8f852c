package dev.homelab.dist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Manual pages (man(7) roff) from a picocli command model: one page per command that is not
 * hidden, named by its path ({@code homelab.1}, {@code homelab-gen.1},
 * {@code homelab-catalog-show.1}). The pages carry no date, so the same model gives the same
 * bytes.
 */
public final class ManPages {

  private ManPages() {}

  /** File name to page text, the top command first, then its subcommands depth first. */
  public static Map<String, String> of(CommandSpec root, String version) {
    Map<String, String> pages = new LinkedHashMap<>();
    add(root, version, pages);
    return pages;
  }

  private static void add(CommandSpec c, String version, Map<String, String> pages) {
    if (c.usageMessage().hidden()) {
      return;
    }
    String file = pageName(c) + ".1";
    if (pages.containsKey(file)) {
      return;
    }
    pages.put(file, page(c, version));
    for (CommandLine sub : c.subcommands().values()) {
      add(sub.getCommandSpec(), version, pages);
    }
  }

  /** "homelab" for the top command, "homelab-catalog-show" for a subcommand. */
  public static String pageName(CommandSpec c) {
    return c.qualifiedName("-");
  }

  /** The page of one command. */
  public static String page(CommandSpec c, String version) {
    StringBuilder s = new StringBuilder();
    String name = pageName(c);
    String root = c.root().name();
    s.append(".\\\" The manual page of `").append(c.qualifiedName(" ")).append("`, made by `").append(root)
        .append(" man` from the command line's model.\n");
    s.append(".TH \"").append(esc(name.toUpperCase(java.util.Locale.ROOT))).append("\" \"1\" \"\" \"")
        .append(esc(root + " " + version)).append("\" \"").append(esc(root)).append(" manual\"\n");

    s.append(".SH NAME\n");
    s.append(esc(name)).append(" \\- ").append(esc(FishCompletion.summary(c.usageMessage().description()))).append('\n');

    s.append(".SH SYNOPSIS\n.nf\n");
    Help help = new Help(c, new Help.ColorScheme.Builder(Help.Ansi.OFF).build());
    for (String line : help.synopsis(0).strip().split("\n")) {
      s.append(esc(line.stripTrailing())).append('\n');
    }
    s.append(".fi\n");

    String[] description = c.usageMessage().description();
    if (description.length > 0) {
      s.append(".SH DESCRIPTION\n");
      paragraphs(s, description);
    }

    List<OptionSpec> options = c.options().stream().filter(o -> !o.hidden()).toList();
    if (!options.isEmpty()) {
      s.append(".SH OPTIONS\n");
      for (OptionSpec o : options) {
        s.append(".TP\n");
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
          names.add("\\fB" + esc(n) + "\\fR");
        }
        s.append(String.join(", ", names));
        if (o.arity().max() > 0) {
          s.append("=\\fI").append(esc(o.paramLabel())).append("\\fR");
          if (o.isMultiValue()) {
            s.append("...");
          }
        }
        s.append('\n');
        lines(s, o.description());
      }
    }

    List<PositionalParamSpec> params = c.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    if (!params.isEmpty()) {
      s.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : params) {
        s.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n");
        lines(s, p.description());
      }
    }

    List<CommandSpec> subs = c.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
        .filter(sub -> !sub.usageMessage().hidden()).toList();
    if (!subs.isEmpty()) {
      s.append(".SH COMMANDS\n");
      for (CommandSpec sub : subs) {
        s.append(".TP\n\\fB").append(esc(sub.name())).append("\\fR\n");
        s.append(esc(FishCompletion.summary(sub.usageMessage().description()))).append("; see \\fB")
            .append(esc(pageName(sub))).append("\\fR(1).\n");
      }
    }

    String[] footer = c.usageMessage().footer();
    if (footer.length > 0) {
      String heading = c.usageMessage().footerHeading().replace("%n", "").strip();
      if (heading.endsWith(":")) {
        heading = heading.substring(0, heading.length() - 1);
      }
      s.append(".SH ").append(esc(heading.isEmpty() ? "NOTES" : heading.toUpperCase(java.util.Locale.ROOT))).append('\n');
      s.append(".nf\n");
      for (String line : footer) {
        for (String l : text(line).split("\n", -1)) {
          s.append(esc(l.stripTrailing())).append('\n');
        }
      }
      s.append(".fi\n");
    }

    List<String> seeAlso = new ArrayList<>();
    if (c.parent() != null) {
      seeAlso.add(pageName(c.parent()));
    }
    subs.forEach(sub -> seeAlso.add(pageName(sub)));
    if (!seeAlso.isEmpty()) {
      s.append(".SH SEE ALSO\n");
      List<String> refs = new ArrayList<>();
      for (String ref : seeAlso) {
        refs.add("\\fB" + esc(ref) + "\\fR(1)");
      }
      s.append(String.join(",\n", refs)).append('\n');
    }
    return s.toString();
  }

  /**
   * Description lines as filled text: picocli's lines continue each other, as in the usage
   * help; a blank line starts a new paragraph.
   */
  private static void paragraphs(StringBuilder s, String[] lines) {
    boolean pending = false;
    boolean any = false;
    for (String line : lines) {
      for (String l : text(line).split("\n", -1)) {
        if (l.isBlank()) {
          pending = any;
          continue;
        }
        if (pending) {
          s.append(".PP\n");
          pending = false;
        }
        s.append(esc(l.strip())).append('\n');
        any = true;
      }
    }
  }

  /** An option's or argument's description, filled the same way (a blank line breaks it). */
  private static void lines(StringBuilder s, String[] lines) {
    boolean pending = false;
    boolean any = false;
    for (String line : lines) {
      for (String l : text(line).split("\n", -1)) {
        if (l.isBlank()) {
          pending = any;
          continue;
        }
        if (pending) {
          s.append(".br\n");
          pending = false;
        }
        s.append(esc(l.strip())).append('\n');
        any = true;
      }
    }
  }

  /** picocli's format escapes in usage text: %n a line break, %% a percent sign. */
  private static String text(String line) {
    return line.replace("%n", "\n").replace("%%", "%");
  }

  /**
   * Text safe in a roff line: backslashes and hyphens escaped, non-ASCII characters as
   * {@code \[uXXXX]}, and a leading control character neutralised.
   */
  static String esc(String text) {
    StringBuilder s = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (cp == '\\') {
        s.append("\\e");
      } else if (cp == '-') {
        s.append("\\-");
      } else if (cp == '\t') {
        s.append(' ');
      } else if (cp < 0x20) {
        // no control characters in a page
      } else if (cp > 0x7e) {
        s.append(String.format("\\[u%04X]", cp));
      } else {
        s.appendCodePoint(cp);
      }
    });
    if (s.length() > 0 && (s.charAt(0) == '.' || s.charAt(0) == '\'')) {
      s.insert(0, "\\&");
    }
    return s.toString();
  }
}
