package dev.homelab.plan.quote;

/**
 * Names and values in systemd's own languages: unit names made from paths (as
 * {@code systemd-escape --path} makes them), and values of unit settings, where {@code %}
 * starts a specifier.
 */
public final class Systemd {

  private Systemd() {}

  /**
   * A path as a unit name's prefix, as {@code systemd-escape --path}: slashes become
   * {@code -}, everything but ASCII letters, digits, {@code :}, {@code _} and {@code .} (and
   * a leading {@code .}) becomes {@code \xNN} of its UTF-8 bytes.
   */
  public static String escapePath(String path) {
    String p = path.replaceAll("/+", "/");
    p = p.replaceAll("^/", "").replaceAll("/$", "");
    if (p.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    byte[] bytes = p.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      if (c == '/') {
        b.append('-');
      } else if (c < 0x80 && (Character.isLetterOrDigit(c) || c == ':' || c == '_' || c == '.' && i > 0)) {
        b.append((char) c);
      } else {
        b.append(String.format("\\x%02x", c));
      }
    }
    return b.toString();
  }

  /** The device unit of a device path: {@code dev-mapper-cryptroot.device}. */
  public static String deviceUnit(String path) {
    return escapePath(path) + ".device";
  }

  /** A value of a unit setting that takes specifiers: {@code %} written {@code %%}. */
  public static String value(String s) {
    if (s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a unit setting is one line");
    }
    return s.replace("%", "%%");
  }
}
