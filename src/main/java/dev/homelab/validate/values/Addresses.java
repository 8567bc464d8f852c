package dev.homelab.validate.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Network values checked by meaning, not by shape: IPv4 and IPv6 addresses, CIDR ranges,
 * interface addresses, DNS host names and domains, email addresses, interface names and
 * {@code host[:port]} authorities. Each check returns null for a good value, else the
 * {@link Problem} with a message naming the value and a hint. Nothing here resolves a name.
 */
public final class Addresses {

  private static final String RANGE_HINT =
      "write the network address and its prefix length, such as `192.168.1.0/24` or `fd00:1::/64`";
  private static final String INTERFACE_ADDRESS_HINT =
      "an address and its prefix length, as the provider gives it: `10.14.0.2/16`, `fd7d:76ee::2/128`";
  private static final String HOST_HINT =
      "a host name of letters, digits and `-` in dot-separated labels (`nas-1`, `nas.lan`), or an IPv4 address";

  private Addresses() {}

  /** Why a text is not an address; only inside this class. */
  private static final class Bad extends Exception {
    Bad(String reason) {
      super(reason, null, false, false);
    }
  }

  // ---- public checks

  /** An address range in CIDR form; host bits set is a warning naming the network. */
  public static Problem cidr(String s) {
    if (s == null) {
      return null;
    }
    String[] parts = s.split("/", -1);
    if (parts.length == 1) {
      return withoutPrefix(s, "is not an address range", "add the prefix length: `" + s
          + (s.contains(":") ? "/64` for a subnet, `" + s + "/128`" : "/24` for a subnet, `" + s + "/32`") + " for the one address");
    }
    byte[] address;
    int prefix;
    try {
      if (parts.length > 2) {
        throw new Bad("it has more than one `/`");
      }
      address = address(parts[0]);
      prefix = prefix(parts[1], address.length * 8);
    } catch (Bad e) {
      return Problem.error("`" + s + "` is not an address range: " + e.getMessage(), RANGE_HINT);
    }
    byte[] network = network(address, prefix);
    if (!java.util.Arrays.equals(network, address)) {
      String net = format(network) + "/" + prefix;
      String one = format(address) + "/" + (address.length * 8);
      return Problem.warning("`" + s + "` has host bits set: as a range it means `" + net + "`",
          "write `" + net + "`, or `" + one + "` for the one address");
    }
    return null;
  }

  /** An interface's address with its prefix length; host bits are expected. */
  public static Problem interfaceAddress(String s) {
    if (s == null) {
      return null;
    }
    String[] parts = s.split("/", -1);
    if (parts.length == 1) {
      return withoutPrefix(s, "is not an address with its prefix length", INTERFACE_ADDRESS_HINT);
    }
    try {
      if (parts.length > 2) {
        throw new Bad("it has more than one `/`");
      }
      byte[] address = address(parts[0]);
      prefix(parts[1], address.length * 8);
      return null;
    } catch (Bad e) {
      return Problem.error("`" + s + "` is not an address with its prefix length: " + e.getMessage(), INTERFACE_ADDRESS_HINT);
    }
  }

  /** A DNS host name or an IPv4 address (never an IPv6 literal). */
  public static Problem hostName(String s) {
    if (s == null) {
      return null;
    }
    if (s.contains(":")) {
      try {
        ipv6(s);
        return Problem.error("`" + s + "` is an IPv6 address, which cannot be written here",
            "give a host name that resolves to it: Syncoid and restic address the host as `user@host:path`, "
                + "which has no room for an IPv6 address");
      } catch (Bad e) {
        return Problem.error("`" + s + "` is not a host name: `:` is not allowed", HOST_HINT);
      }
    }
    if (s.matches("[0-9.]+")) {
      try {
        ipv4(s);
        return null;
      } catch (Bad e) {
        return Problem.error("`" + s + "` is not an IPv4 address: " + e.getMessage(), HOST_HINT);
      }
    }
    String reason = dnsProblem(s, false);
    return reason == null ? null : Problem.error("`" + s + "` is not a host name: " + reason, HOST_HINT);
  }

  /** A lowercase DNS domain of at least two labels whose last label starts with a letter. */
  public static Problem domain(String s) {
    if (s == null) {
      return null;
    }
    String hint = "a lowercase domain such as `example.org` (or `home.arpa` for a home network)";
    if (!s.equals(s.toLowerCase(Locale.ROOT))) {
      return Problem.error("`" + s + "` is not a lowercase DNS domain", "write `" + s.toLowerCase(Locale.ROOT) + "`");
    }
    String reason = dnsProblem(s, true);
    if (reason == null && !s.contains(".")) {
      reason = "it has one label; services are served at `<subdomain>." + s + "`, which needs a domain of two labels or more";
    }
    return reason == null ? null : Problem.error("`" + s + "` is not a DNS domain: " + reason, hint);
  }

  /** An email address: a plain local part and a DNS domain of two labels or more. */
  public static Problem email(String s) {
    if (s == null) {
      return null;
    }
    String hint = "an address such as `admin@example.org`";
    int at = s.indexOf('@');
    if (at < 0 || at != s.lastIndexOf('@')) {
      return Problem.error("`" + s + "` is not an email address: it needs exactly one `@`", hint);
    }
    String local = s.substring(0, at);
    String domain = s.substring(at + 1);
    if (local.isEmpty() || !local.matches("[A-Za-z0-9._%+-]+") || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return Problem.error("`" + s + "` is not an email address: `" + local + "` before the `@` is not a plain mailbox name",
          "letters, digits and `. _ % + -` before the `@`: " + hint);
    }
    String reason = dnsProblem(domain, false);
    if (reason == null && !domain.contains(".")) {
      reason = "`" + domain + "` has one label";
    } else if (reason != null) {
      reason = "`" + domain + "` is not a domain: " + reason;
    }
    return reason == null ? null : Problem.error("`" + s + "` is not an email address: " + reason, hint);
  }

  /**
   * A Linux network interface name: 1 to 15 characters, not {@code .} or {@code ..}, no
   * {@code /}, {@code :} or whitespace, and of letters, digits and {@code _ . - @ +}.
   */
  public static Problem networkInterface(String s) {
    if (s == null) {
      return null;
    }
    String hint = "the name `ip link` shows, such as `enp1s0`, `eth0.10` or `br0`: 1 to 15 letters, digits and `_ . - @ +`";
    String reason = null;
    if (s.isEmpty()) {
      reason = "it is empty";
    } else if (s.length() > 15) {
      reason = "it is " + s.length() + " characters long; Linux takes at most 15";
    } else if (s.equals(".") || s.equals("..")) {
      reason = "Linux does not allow `" + s + "` as a name";
    } else if (s.startsWith("-")) {
      reason = "it starts with `-`, which tools read as an option";
    } else {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '/' || c == ':' || Character.isWhitespace(c)) {
          reason = "Linux does not allow " + describe(c) + " in an interface name";
          break;
        }
        if (!(c < 128 && (Character.isLetterOrDigit(c) || "_.-@+".indexOf(c) >= 0))) {
          reason = describe(c) + " is not a character of an interface name";
          break;
        }
      }
    }
    return reason == null ? null : Problem.error("`" + s + "` is not a network interface name: " + reason, hint);
  }

  /**
   * The reason {@code host[:port]} of a URL is not a host (name, IPv4, or IPv6 in brackets)
   * with an optional port from 1 to 65535; null when it is.
   */
  public static String authorityProblem(String s) {
    String host = s;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        return "`[` without `]` around the IPv6 address";
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return "`" + rest + "` follows the address";
        }
        port = rest.substring(1);
      }
      try {
        ipv6(host);
      } catch (Bad e) {
        return "`" + host + "` is not an IPv6 address: " + e.getMessage();
      }
    } else {
      int colon = s.indexOf(':');
      if (colon >= 0) {
        if (colon != s.lastIndexOf(':')) {
          return "an IPv6 address in a URL goes in brackets (`[fd00::1]:9000`)";
        }
        host = s.substring(0, colon);
        port = s.substring(colon + 1);
      }
      Problem p = hostName(host);
      if (p != null) {
        return p.message();
      }
    }
    if (port != null) {
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        return "port `" + port + "` is not 1 to 65535";
      }
    }
    return null;
  }

  // ---- addresses

  /** The bytes of an IPv4 (4) or IPv6 (16) address. */
  private static byte[] address(String s) throws Bad {
    return s.contains(":") ? ipv6(s) : ipv4(s);
  }

  private static byte[] ipv4(String s) throws Bad {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw new Bad("an IPv4 address is four numbers separated by dots" + (s.isEmpty() ? "" : ", `" + s + "` has " + parts.length));
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty()) {
        throw new Bad("it has an empty number between dots");
      }
      if (!p.matches("[0-9]+")) {
        throw new Bad("`" + p + "` is not a number");
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        throw new Bad("`" + p + "` has a leading zero, which some tools read as octal");
      }
      if (p.length() > 3 || Integer.parseInt(p) > 255) {
        throw new Bad("`" + p + "` is above 255");
      }
      out[i] = (byte) Integer.parseInt(p);
    }
    return out;
  }

  private static byte[] ipv6(String s) throws Bad {
    if (s.contains("%")) {
      throw new Bad("a zone index (`%eth0`) does not belong in an address here");
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      throw new Bad("`::` may appear once only");
    }
    List<Integer> head = new ArrayList<>();
    List<Integer> tail = new ArrayList<>();
    if (gap < 0) {
      groups(s, head, true);
      if (head.size() != 8) {
        throw new Bad("an IPv6 address has 8 groups, or fewer with `::`; this one has " + head.size());
      }
    } else {
      groups(s.substring(0, gap), head, false);
      groups(s.substring(gap + 2), tail, true);
      if (head.size() + tail.size() > 7) {
        throw new Bad("it has too many groups for `::` to stand for any");
      }
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.size(); i++) {
      out[2 * i] = (byte) (head.get(i) >> 8);
      out[2 * i + 1] = (byte) (int) head.get(i);
    }
    for (int i = 0; i < tail.size(); i++) {
      int g = 8 - tail.size() + i;
      out[2 * g] = (byte) (tail.get(i) >> 8);
      out[2 * g + 1] = (byte) (int) tail.get(i);
    }
    return out;
  }

  /** Appends the 16-bit groups of {@code s}; the last may be a dotted IPv4 address (two groups). */
  private static void groups(String s, List<Integer> out, boolean last) throws Bad {
    if (s.isEmpty()) {
      return;
    }
    String[] parts = s.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (last && i == parts.length - 1 && p.contains(".")) {
        byte[] v4 = ipv4(p);
        out.add((v4[0] & 0xff) << 8 | (v4[1] & 0xff));
        out.add((v4[2] & 0xff) << 8 | (v4[3] & 0xff));
      } else if (p.isEmpty()) {
        throw new Bad("it has an empty group (a lone `:` at an end)");
      } else if (!p.matches("[0-9A-Fa-f]{1,4}")) {
        throw new Bad("`" + p + "` is not a group of 1 to 4 hex digits");
      } else {
        out.add(Integer.parseInt(p, 16));
      }
    }
  }

  private static int prefix(String p, int bits) throws Bad {
    if (!p.matches("[0-9]{1,3}") || p.length() > 1 && p.charAt(0) == '0') {
      throw new Bad("`/" + p + "` is not a prefix length");
    }
    int n = Integer.parseInt(p);
    if (n > bits) {
      throw new Bad("an IPv" + (bits == 32 ? "4" : "6") + " prefix length is 0 to " + bits + ", not " + n);
    }
    return n;
  }

  private static Problem withoutPrefix(String s, String what, String hint) {
    try {
      address(s);
      return Problem.error("`" + s + "` " + what + ": it has no prefix length", hint);
    } catch (Bad e) {
      return Problem.error("`" + s + "` " + what + ": " + e.getMessage(), hint);
    }
  }

  private static byte[] network(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int bit = prefix; bit < out.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
    }
    return out;
  }

  /** An address as written canonically: dotted IPv4, or IPv6 as RFC 5952 writes it. */
  static String format(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
    }
    // The longest run of two or more zero groups, the first of equals, becomes `::`.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLength - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }

  // ---- names

  /**
   * Why {@code s} is not a DNS name (labels of 1 to 63 letters, digits and {@code -}, not
   * first or last; at most 253 characters; a last label that is not all digits, and for a
   * domain starts with a letter and has two characters or more), or null.
   */
  private static String dnsProblem(String s, boolean domain) {
    if (s.isEmpty()) {
      return "it is empty";
    }
    if (s.length() > 253) {
      return "it is " + s.length() + " characters long; a DNS name is at most 253";
    }
    String[] labels = s.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty()) {
        return "it has an empty label (a dot at an end, or two in a row)";
      }
      if (label.length() > 63) {
        return "the label `" + label + "` is " + label.length() + " characters long; a label is at most 63";
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!(c < 128 && Character.isLetterOrDigit(c) || c == '-')) {
          return describe(c) + " is not allowed in a DNS name";
        }
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        return "the label `" + label + "` starts or ends with `-`";
      }
    }
    String last = labels[labels.length - 1];
    if (last.matches("[0-9]+")) {
      return "its last label `" + last + "` is all digits";
    }
    if (domain && labels.length > 1 && (!Character.isLetter(last.charAt(0)) || last.length() < 2)) {
      return "its last label `" + last + "` is no top-level domain (two characters or more, starting with a letter)";
    }
    return null;
  }

  private static String describe(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (c == '\t') {
      return "a tab";
    }
    if (Character.isWhitespace(c) || Character.isISOControl(c)) {
      return "a control character";
    }
    return "`" + c + "`";
  }
}
