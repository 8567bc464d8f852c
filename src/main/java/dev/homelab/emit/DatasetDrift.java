package dev.homelab.emit;

import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warns about what the dataset unit will leave alone: a property the previous output set
 * that the new one no longer sets, and a dataset no longer managed at all. The unit never
 * resets or destroys anything, so without this warning such a change would pass unnoticed.
 * Compares the {@code ensure} lines of each host's datasets.nix on disk and in the new output.
 */
public final class DatasetDrift {

  private static final Pattern FILE = Pattern.compile("hosts/[^/]+/datasets\\.nix");
  private static final Pattern ENSURE = Pattern.compile("(?m)^\\s*ensure (\\S+) \\S+((?: \\S+)*)$");

  private DatasetDrift() {}

  /** Findings (warnings, HL0510) for every property or dataset the new output drops. */
  public static Diagnostics between(Path root, List<OutputFile> files) {
    Diagnostics out = new Diagnostics();
    for (OutputFile f : files) {
      if (!FILE.matcher(f.path()).matches()) {
        continue;
      }
      Path old = root.resolve(f.path());
      if (!Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(old);
      } catch (IOException e) {
        // Unreadable: the emitter refuses it (HL0508) before anything is written.
        continue;
      }
      // Decoded leniently: a hand edit that is not UTF-8 leaves the ensure lines readable.
      Map<String, Map<String, String>> before = ensures(new String(bytes, StandardCharsets.UTF_8));
      Map<String, Map<String, String>> after = ensures(f.content());
      Span where = new Span(f.path(), 0, 0, 0);
      for (Map.Entry<String, Map<String, String>> d : before.entrySet()) {
        Map<String, String> now = after.get(d.getKey());
        if (now == null) {
          out.warning("HL0510", "dataset `" + d.getKey() + "` is no longer managed; it stays on the pool as it is", where,
              "nothing is destroyed: remove it by hand (`zfs destroy`) if its data is no longer needed");
          continue;
        }
        for (Map.Entry<String, String> p : d.getValue().entrySet()) {
          if (!now.containsKey(p.getKey())) {
            out.warning("HL0510", "`" + p.getKey() + "=" + p.getValue() + "` of `" + d.getKey()
                + "` is no longer in the spec; the dataset keeps that value", where,
                "set it in the spec again, or reset it by hand (`zfs inherit " + p.getKey() + " " + d.getKey() + "`)");
          }
        }
      }
    }
    return out;
  }

  static Map<String, Map<String, String>> ensures(String script) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Matcher m = ENSURE.matcher(script);
    while (m.find()) {
      Map<String, String> props = new LinkedHashMap<>();
      for (String p : m.group(2).strip().split(" ")) {
        int eq = p.indexOf('=');
        if (eq > 0) {
          props.put(p.substring(0, eq), p.substring(eq + 1));
        }
      }
      out.put(m.group(1), props);
    }
    return out;
  }
}
