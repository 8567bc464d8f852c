package dev.homelab.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;

/** A storage size as ZFS writes it ({@code 500G}, {@code 3T}, {@code 1.5T}); binary units. */
public record Size(String text, long bytes) implements Comparable<Size> {

  private static final java.util.regex.Pattern FORM =
      java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGTP]?)", java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * The largest size homelab counts in bytes: 2^63 - 1 (just under 8192P). ZFS counts sizes in
   * 64 bits, so a size beyond that is no size any pool has.
   */
  public static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE);

  /** Parses {@code 20T}; null when the text is not a size, or one too large to count ({@link #tooLarge}). */
  public static Size parse(String text) {
    BigDecimal value = bytesOf(text);
    if (value == null || value.compareTo(LARGEST) > 0) {
      return null;
    }
    Matcher m = FORM.matcher(text.strip());
    m.matches();
    String canonical = m.group(1) + m.group(2).toUpperCase(Locale.ROOT);
    return new Size(canonical, value.longValue());
  }

  /** True when the text has the form of a size but is more bytes than {@link #LARGEST}. */
  public static boolean tooLarge(String text) {
    BigDecimal value = bytesOf(text);
    return value != null && value.compareTo(LARGEST) > 0;
  }

  private static BigDecimal bytesOf(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    String unit = m.group(2).toUpperCase(Locale.ROOT);
    int power = unit.isEmpty() ? 0 : "KMGTP".indexOf(unit) + 1;
    return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
  }

  @Override
  public int compareTo(Size other) {
    return Long.compare(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return text;
  }

  /** A sum, written in the largest unit that keeps it readable. */
  public static String format(long bytes) {
    String units = "KMGTP";
    double v = bytes;
    int i = -1;
    while (v >= 1024 && i < units.length() - 1) {
      v /= 1024;
      i++;
    }
    String number = v == Math.floor(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    return number + (i < 0 ? "" : String.valueOf(units.charAt(i)));
  }
}
