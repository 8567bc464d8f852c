package dev.homelab.nix;

import java.util.List;

/**
 * A Nix value as the plan states it: {@link Str}, {@link Int}, {@link Bool}, {@link Path},
 * {@link ListOf}, {@link Attrs}, {@link Text} (an indented string of generated lines),
 * {@link SecretPath} (where sops-nix puts a secret), {@link Ref} (a trusted reference such
 * as {@code pkgs.zfs}) and {@link Apply} (a function applied to a value, such as
 * {@code lib.mkDefault}). Spec text only ever enters as {@link Str} or {@link Text}, whose
 * literals {@code NixFormat} writes whole, so it can never become Nix code; the one exception
 * is a package's attribute path where an option takes a package, which becomes the
 * {@link Ref} {@code pkgs.<path>} only once it is checked to be identifiers joined by dots.
 */
public sealed interface NixValue {

  /** A string, written as a double-quoted literal. */
  record Str(String value) implements NixValue {}

  /** An integer. */
  record Int(long value) implements NixValue {}

  /** A boolean. */
  record Bool(boolean value) implements NixValue {}

  /** What {@link Path} takes: {@code ./} or {@code ../} and plain path segments. */
  java.util.regex.Pattern RELATIVE = java.util.regex.Pattern.compile("\\.\\.?(/[A-Za-z0-9._+-]+)+");

  /** A path relative to the file ({@code ./local.nix}, {@code ../../secrets/nuc.yaml}). */
  record Path(String value) implements NixValue {

    /** Whether the text is what {@link NixValue#RELATIVE} matches, without running it (every import is one). */
    static boolean relative(String s) {
      if (!s.startsWith(".")) {
        return false;
      }
      int i = s.startsWith("..") ? 2 : 1;
      if (i == s.length()) {
        return false;
      }
      while (i < s.length()) {
        if (s.charAt(i) != '/') {
          return false;
        }
        int start = ++i;
        while (i < s.length() && segmentChar(s.charAt(i))) {
          i++;
        }
        if (i == start) {
          return false;
        }
      }
      return true;
    }

    private static boolean segmentChar(char c) {
      return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '+' || c == '-';
    }

    public Path {
      if (!relative(value)) {
        throw new IllegalArgumentException("not a relative Nix path: " + value);
      }
    }
  }

  /** A list. */
  record ListOf(List<NixValue> items) implements NixValue {
    public ListOf {
      items = List.copyOf(items);
    }
  }

  /** An attribute set, as bindings in the order given. */
  record Attrs(List<Binding> bindings) implements NixValue {
    public Attrs {
      bindings = List.copyOf(bindings);
    }
  }

  /** Lines of text (a script, a Caddyfile fragment), written as an indented string. */
  record Text(List<String> lines) implements NixValue {
    public Text {
      lines = List.copyOf(lines);
    }
  }

  /** {@code config.sops.secrets.<name>.path}. */
  record SecretPath(String name) implements NixValue {}

  /**
   * {@code config.sops.placeholder.<name>}: stands for a secret's value inside a sops-nix
   * template's content, replaced on the host when the template is rendered.
   */
  record Placeholder(String name) implements NixValue {}

  /** {@code config.sops.templates.<name>.path}: where sops-nix renders a template. */
  record TemplatePath(String name) implements NixValue {}

  /**
   * A string of literal pieces ({@link Str}) and interpolated references
   * ({@link SecretPath}, {@link Placeholder}, {@link TemplatePath}, a package {@link Ref}):
   * {@code "$__file{${config.sops.secrets."x".path}}"}; double-quoted, or an indented string
   * when {@code indented} (multi-line content such as an env file).
   */
  record Interpolated(List<NixValue> parts, boolean indented) implements NixValue {
    /** A double-quoted string. */
    public Interpolated(List<NixValue> parts) {
      this(parts, false);
    }

    /** The same pieces as an indented string ({@code ''...''}), one line per newline. */
    public Interpolated asIndented() {
      return new Interpolated(parts, true);
    }

    public Interpolated {
      parts = List.copyOf(parts);
      for (NixValue p : parts) {
        if (!(p instanceof Str || p instanceof SecretPath || p instanceof Placeholder || p instanceof TemplatePath || p instanceof Ref)) {
          throw new IllegalArgumentException("not a string piece: " + p);
        }
      }
    }
  }

  /**
   * A reference written as code: a dotted name from the catalog or the planner
   * ({@code pkgs.intel-media-driver}), or {@code pkgs.<path>} for a package a spec names where
   * its option takes a package, the path checked to be identifiers. No segment is a keyword.
   */
  record Ref(String code) implements NixValue {
    public Ref {
      if (!NixFormat.isNamePath(code)) {
        throw new IllegalArgumentException("not a Nix reference: " + code);
      }
    }
  }

  /**
   * A package predicate, true for the packages whose {@code lib.getName} is one of
   * {@code names}: {@code pkg: builtins.elem (lib.getName pkg) [ "plexmediaserver" ]}.
   */
  record NameIn(List<String> names) implements NixValue {
    public NameIn {
      names = List.copyOf(names);
    }
  }

  /** A function applied to one argument: {@code lib.mkDefault true}. */
  record Apply(Ref function, NixValue argument) implements NixValue {}

  /**
   * A definition that applies only when another option is (or, {@code negated}, is not)
   * true: {@code lib.mkIf config.x value}, {@code lib.mkIf (!config.x) value}.
   */
  record MkIf(Ref condition, boolean negated, NixValue value) implements NixValue {}

  static Str str(String s) {
    return new Str(s);
  }

  static Int integer(long i) {
    return new Int(i);
  }

  static Bool bool(boolean b) {
    return new Bool(b);
  }

  static ListOf list(List<NixValue> items) {
    return new ListOf(items);
  }

  static ListOf strings(List<String> items) {
    return new ListOf(items.stream().<NixValue>map(Str::new).toList());
  }

  static Apply mkDefault(NixValue v) {
    return new Apply(new Ref("lib.mkDefault"), v);
  }
}
