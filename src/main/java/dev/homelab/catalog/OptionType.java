package dev.homelab.catalog;

import dev.homelab.nix.NixFormat;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An option type as the NixOS manual describes it ({@code null or (list of 16 bit unsigned
 * integer; ...)}), read back into its structure: {@link Union} ({@code A or B}, {@code null or
 * A}, {@code A or B convertible to it}), {@link ListOf}, {@link AttrsOf} and {@link Leaf} (one
 * named type). Judges whether a value a spec writes fits it: a list type takes only a list
 * whose every element fits, a single value never.
 */
sealed interface OptionType {

  /** Any of the alternatives. */
  record Union(List<OptionType> alternatives) implements OptionType {}

  /** {@code list of T}; {@code non-empty (list of T)} when {@code nonEmpty}. */
  record ListOf(OptionType element, boolean nonEmpty) implements OptionType {}

  /** {@code attribute set of T} (also lazy). */
  record AttrsOf(OptionType element) implements OptionType {}

  /** One named type ({@code boolean}, {@code string}, {@code package}, {@code one of ...}). */
  record Leaf(String description) implements OptionType {}

  /** A package attribute path: identifiers joined by dots ({@code htop}, {@code python3Packages.requests}). */
  Pattern PACKAGE_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*(\\.[A-Za-z_][A-Za-z0-9_'-]*)*");

  /** Reads a manual description. */
  static OptionType parse(String description) {
    return Parser.parse(description.trim());
  }

  /**
   * Whether a spec string names a package by a valid attribute path below {@code pkgs} (no
   * keyword segment, and not itself starting with {@code pkgs.}).
   */
  static boolean isPackagePath(String s) {
    if (!PACKAGE_PATH.matcher(s).matches() || s.startsWith("pkgs.")) {
      return false;
    }
    for (String segment : s.split("\\.")) {
      if (!NixFormat.isIdentifier(segment)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the value fits. */
  default boolean fits(NixValue value) {
    if (value instanceof NixValue.Apply a && a.function().code().startsWith("pkgs.")) {
      // A builder of nixpkgs applied to its arguments (pkgs.writeShellApplication { ... }): a package.
      return fits(a.function());
    }
    if (value instanceof NixValue.Apply a && "builtins.toJSON".equals(a.function().code())) {
      // Whatever it is given, it gives a string.
      return fits(NixValue.str(""));
    }
    if (value instanceof NixValue.Apply a) {
      return fits(a.argument());
    }
    if (value instanceof NixValue.MkIf m) {
      return fits(m.value());
    }
    if (value instanceof NixValue.Ref r && r.code().startsWith("config.")) {
      // Another option's value: its own declaration types it.
      return true;
    }
    if (this instanceof Union u) {
      return u.alternatives().stream().anyMatch(t -> t.fits(value));
    }
    if (this instanceof ListOf l) {
      return value instanceof NixValue.ListOf list && (!l.nonEmpty() || !list.items().isEmpty())
          && list.items().stream().allMatch(l.element()::fits);
    }
    if (this instanceof AttrsOf) {
      return value instanceof NixValue.Attrs;
    }
    return Leaves.fits(((Leaf) this).description(), value);
  }

  /** Whether a list is what this type wants (and a single value is not). */
  default boolean wantsList() {
    if (this instanceof Union u) {
      return u.alternatives().stream()
          .allMatch(t -> t instanceof ListOf || t instanceof Leaf l && l.description().equals("null"));
    }
    return this instanceof ListOf;
  }

  /**
   * The value as Nix will take it: a string where only a package fits becomes the package
   * {@code pkgs.<path>} (a reference, checked to be an attribute path first), in a list too;
   * anything else is returned as it is.
   */
  default NixValue typed(NixValue value) {
    if (value instanceof NixValue.Str s && takesPackage() && !takesString(s) && isPackagePath(s.value())) {
      return new NixValue.Ref("pkgs." + s.value());
    }
    if (value instanceof NixValue.ListOf list) {
      OptionType element = listElement();
      if (element != null) {
        List<NixValue> items = new ArrayList<>();
        list.items().forEach(i -> items.add(element.typed(i)));
        return new NixValue.ListOf(items);
      }
    }
    return value;
  }

  /** Whether a package is among what this type takes. */
  private boolean takesPackage() {
    if (this instanceof Union u) {
      return u.alternatives().stream().anyMatch(OptionType::takesPackage);
    }
    return this instanceof Leaf leaf && leaf.description().equals("package");
  }

  /** Whether the string fits as itself (not as a package name). */
  private boolean takesString(NixValue.Str s) {
    if (this instanceof Union u) {
      return u.alternatives().stream().anyMatch(t -> t.takesString(s));
    }
    return this instanceof Leaf leaf && !leaf.description().equals("package") && Leaves.fits(leaf.description(), s);
  }

  /** The element type of the list this type takes, or null. */
  default OptionType listElement() {
    if (this instanceof ListOf l) {
      return l.element();
    }
    if (this instanceof Union u) {
      return u.alternatives().stream().map(OptionType::listElement).filter(e -> e != null).findFirst().orElse(null);
    }
    return null;
  }

  /** Reads descriptions; see {@code lib/types.nix}'s {@code description} of each type. */
  final class Parser {

    private static final String CONVERTIBLE = " convertible to it";
    private static final String PATTERN = "string matching the pattern ";

    private Parser() {}

    static OptionType parse(String s) {
      if (s.endsWith(CONVERTIBLE)) {
        // coercedTo: "FINAL or FROM convertible to it" takes both.
        s = s.substring(0, s.length() - CONVERTIBLE.length());
      }
      List<String> parts = splitOr(s);
      if (parts.size() > 1) {
        List<OptionType> alternatives = new ArrayList<>();
        parts.forEach(p -> alternatives.add(parse(p)));
        return new Union(alternatives);
      }
      String t = unwrap(s);
      if (!t.equals(s)) {
        return parse(t);
      }
      if (t.startsWith("list of ")) {
        return new ListOf(parse(t.substring("list of ".length())), false);
      }
      if (t.startsWith("non-empty (list of ") && t.endsWith(")")) {
        return new ListOf(parse(t.substring("non-empty (list of ".length(), t.length() - 1)), true);
      }
      if (t.startsWith("attribute set of ")) {
        return new AttrsOf(parse(t.substring("attribute set of ".length())));
      }
      if (t.startsWith("lazy attribute set of ")) {
        return new AttrsOf(parse(t.substring("lazy attribute set of ".length())));
      }
      return new Leaf(t);
    }

    /** Splits at each {@code " or "} outside parentheses and quotes (and never inside a pattern). */
    static List<String> splitOr(String s) {
      List<String> parts = new ArrayList<>();
      int depth = 0;
      boolean quoted = false;
      int start = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!quoted && depth == 0 && s.startsWith(PATTERN, i)) {
          // A regular expression may hold anything; it runs to the end.
          break;
        }
        if (!quoted && depth == 0 && s.startsWith("not containing newlines or colons", i)) {
          i += "not containing newlines or colons".length() - 1;
          continue;
        }
        if (quoted) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            quoted = false;
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (depth == 0 && s.startsWith(" or ", i)) {
          parts.add(trimComma(s.substring(start, i)));
          start = i + " or ".length();
          i = start - 1;
        }
      }
      parts.add(trimComma(s.substring(start)));
      return parts;
    }

    private static String trimComma(String s) {
      String t = s.trim();
      return t.endsWith(",") ? t.substring(0, t.length() - 1) : t;
    }

    /** The text inside parentheses that enclose all of it, else the text. */
    static String unwrap(String s) {
      if (!s.startsWith("(") || !s.endsWith(")")) {
        return s;
      }
      int depth = 0;
      boolean quoted = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quoted) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            quoted = false;
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0 && i < s.length() - 1) {
            return s;
          }
        }
      }
      return s.substring(1, s.length() - 1).trim();
    }
  }

  /** What the named types take. */
  final class Leaves {

    private static final Pattern ENUM_WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9]+)");
    private static final Pattern BETWEEN = Pattern.compile("between (-?[0-9]+) and (-?[0-9]+)");

    private Leaves() {}

    static boolean fits(String description, NixValue value) {
      String t = description.toLowerCase(Locale.ROOT);
      if (t.equals("null")) {
        return false;
      }
      if (t.startsWith("anything") || t.contains("json value") || t.contains("yaml value") || t.contains("toml value")
          || t.contains("unspecified") || t.equals("raw value")) {
        return true;
      }
      if (t.startsWith("one of ") || t.startsWith("value ") && t.endsWith("(singular enum)")) {
        return enumFits(description, value);
      }
      if (t.equals("boolean")) {
        return value instanceof NixValue.Bool;
      }
      if (t.equals("package")) {
        return value instanceof NixValue.Ref
            || value instanceof NixValue.Str s && OptionType.isPackagePath(s.value());
      }
      if (isInteger(t)) {
        return value instanceof NixValue.Int i && inRange(t, i.value());
      }
      if (t.equals("floating point number")) {
        return false;
      }
      if (t.equals("number")) {
        return value instanceof NixValue.Int;
      }
      if (t.startsWith("absolute path") || t.startsWith("path in the nix store")) {
        return isPath(value);
      }
      if (t.contains("string") || t.startsWith("strings concatenated") || t.equals("lines")) {
        return isString(value);
      }
      if (t.equals("submodule") || t.startsWith("open submodule")) {
        // A submodule's value is a module: an attribute set, or a file holding one
        // (`home-manager.users.<name> = import ./home.nix`, `Apply` fits by its argument).
        return value instanceof NixValue.Attrs || value instanceof NixValue.Path;
      }
      if (t.equals("attribute set")) {
        return value instanceof NixValue.Attrs;
      }
      if (t.equals("systemd option") || t.equals("sysctl option value")) {
        return value instanceof NixValue.Bool || value instanceof NixValue.Int || isString(value)
            || value instanceof NixValue.ListOf;
      }
      return permissive(t, value);
    }

    private static boolean isInteger(String t) {
      return t.equals("signed integer") || t.startsWith("integer between") || t.contains("bit unsigned integer")
          || t.contains("bit signed integer") || t.startsWith("unsigned integer") || t.startsWith("positive integer");
    }

    private static boolean inRange(String t, long v) {
      Matcher m = BETWEEN.matcher(t);
      if (m.find()) {
        return v >= Long.parseLong(m.group(1)) && v <= Long.parseLong(m.group(2));
      }
      if (t.contains("meaning >=0")) {
        return v >= 0;
      }
      if (t.contains("meaning >0")) {
        return v > 0;
      }
      return true;
    }

    private static boolean isString(NixValue v) {
      return v instanceof NixValue.Str || v instanceof NixValue.Text || v instanceof NixValue.Interpolated
          || v instanceof NixValue.SecretPath || v instanceof NixValue.TemplatePath;
    }

    /** {@code types.path}: a path value, or a string that starts with a slash. */
    private static boolean isPath(NixValue v) {
      return v instanceof NixValue.Path || v instanceof NixValue.SecretPath || v instanceof NixValue.TemplatePath
          || v instanceof NixValue.Interpolated || v instanceof NixValue.Ref
          || v instanceof NixValue.Str s && s.value().startsWith("/");
    }

    private static boolean enumFits(String description, NixValue value) {
      Matcher m = ENUM_WORD.matcher(description);
      while (m.find()) {
        if (m.group(1) != null && value instanceof NixValue.Str s && m.group(1).equals(s.value())) {
          return true;
        }
        if (m.group(2) != null && value instanceof NixValue.Int i && Long.parseLong(m.group(2)) == i.value()) {
          return true;
        }
      }
      return false;
    }

    /** A type this reading does not know by name: judged by the words it uses, leniently. */
    private static boolean permissive(String t, NixValue value) {
      if (value instanceof NixValue.Bool) {
        return t.contains("boolean");
      }
      if (value instanceof NixValue.Int) {
        return t.contains("integer") || t.contains("port") || t.contains("number");
      }
      if (isString(value)) {
        return t.contains("string") || t.contains("path") || t.contains("lines");
      }
      if (value instanceof NixValue.Path) {
        return t.contains("path");
      }
      if (value instanceof NixValue.ListOf) {
        return t.contains("list");
      }
      if (value instanceof NixValue.Attrs) {
        return t.contains("attribute set") || t.contains("submodule") || t.contains("config");
      }
      if (value instanceof NixValue.Ref) {
        return t.contains("package") || t.contains("path");
      }
      return false;
    }
  }
}
