package dev.homelab.diag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each finding code means, read from the pages of {@code docs/errors/} that ship in the
 * jar: the index's one-line meaning and default severity, and each code's page (the help a
 * SARIF viewer shows beside a finding).
 */
public final class Codes {

  /** Where a code's page lives in the repository, relative to its root. */
  public static final String DOCS = "docs/errors/";

  private static final String RESOURCES = "/dev/homelab/errors/";
  private static final Pattern ROW = Pattern.compile(
      "^\\| \\[(HL\\d{4})]\\(HL\\d{4}\\.md\\) \\| ([a-z, ]+) \\| (.+?) \\|$", Pattern.MULTILINE);

  /** A code's entry in the index. */
  public record Entry(String code, String severity, String meaning) {}

  private static volatile Map<String, Entry> index;

  private Codes() {}

  /** Every code the index lists, in its order. */
  public static java.util.Set<String> codes() {
    entry("");
    return java.util.Collections.unmodifiableSet(index.keySet());
  }

  /** The index entry of a code, or null when the code has none. */
  public static Entry entry(String code) {
    Map<String, Entry> m = index;
    if (m == null) {
      m = new LinkedHashMap<>();
      Matcher r = ROW.matcher(read("README.md"));
      while (r.find()) {
        m.put(r.group(1), new Entry(r.group(1), r.group(2), r.group(3)));
      }
      index = m;
    }
    return m.get(code);
  }

  /** A code's page in Markdown, or null when it has none. */
  public static String page(String code) {
    return code.matches("HL\\d{4}") ? readOrNull(code + ".md") : null;
  }

  /** The page's path in the repository: {@code docs/errors/HL0335.md}. */
  public static String pagePath(String code) {
    return DOCS + code + ".md";
  }

  private static String read(String name) {
    String s = readOrNull(name);
    if (s == null) {
      throw new IllegalStateException("the jar lacks " + RESOURCES + name);
    }
    return s;
  }

  private static String readOrNull(String name) {
    try (InputStream in = Codes.class.getResourceAsStream(RESOURCES + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
