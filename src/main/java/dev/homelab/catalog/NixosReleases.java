package dev.homelab.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which NixOS releases have what the option catalog lists, where they differ: the releases
 * homelab supports (releases.json, oldest first), the module prefixes a release added, renamed
 * or removed as a whole (releases.json) and the single options one added or removed
 * ({@code since}, {@code until} in options.json). A small index of its own
 * ({@value #INDEX}), so that checking a plan against its channel does not load the whole
 * catalog. {@code nixos-unstable} and {@code nixpkgs-unstable} are newer than every release.
 */
public final class NixosReleases {

  /** Where the build puts the index in the jar. */
  public static final String INDEX = "dev/homelab/nixos-options/releases.idx";
  /** An index line that dates a single option. */
  static final String OPTION = "option";
  /** An index line that dates a module's whole prefix. */
  static final String MODULE = "module";
  /** The index line that lists the supported releases. */
  private static final String RELEASES = "@releases";
  private static final Pattern CHANNEL = Pattern.compile("nixos-(\\d\\d\\.\\d\\d)");

  /** A dated node: children by segment, and the dates of the option or prefix that ends here. */
  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    boolean dated;
    boolean option;
    String since;
    String until;
    String renamedTo;
  }

  private final Node root = new Node();
  private final List<String> releases = new ArrayList<>();

  private NixosReleases() {}

  /** The index in the jar, read once. */
  public static NixosReleases builtIn() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final NixosReleases INSTANCE = load();
  }

  /** Reads the index in the jar. */
  public static NixosReleases load() {
    NixosReleases r = new NixosReleases();
    try (InputStream in = NixosReleases.class.getClassLoader().getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IllegalStateException(INDEX + " missing from the jar");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split("\t", -1);
        if (f.length < 2 || f[0].isEmpty()) {
          continue;
        }
        if (f[0].equals(RELEASES)) {
          r.releases.addAll(List.of(f[1].split(" ")));
          continue;
        }
        Node n = r.root;
        for (String segment : OptionCatalog.split(f[0])) {
          n = n.children.computeIfAbsent(segment, k -> new Node());
        }
        n.dated = true;
        n.option = f[1].equals(OPTION);
        n.since = f.length > 2 && !f[2].isEmpty() ? f[2] : null;
        n.until = f.length > 3 && !f[3].isEmpty() ? f[3] : null;
        n.renamedTo = f.length > 4 && !f[4].isEmpty() ? f[4] : null;
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + INDEX, e);
    }
    return r;
  }

  /**
   * The index text (run by the build through {@link OptionCatalog#main}): {@code @releases}
   * with the supported releases, then a {@code path<TAB>kind<TAB>since<TAB>until<TAB>renamedTo}
   * line per dated option ({@code dated}, from options.json) and module prefix (releases.json).
   */
  static String index(Path releasesJson, Map<String, String> dated) throws IOException {
    JsonNode json = new ObjectMapper().readTree(releasesJson.toFile());
    List<String> supported = new ArrayList<>();
    json.path("releases").forEach(r -> supported.add(r.asText()));
    TreeMap<String, String> lines = new TreeMap<>(dated);
    json.path("modules").fields().forEachRemaining(e -> lines.put(e.getKey(), MODULE + "\t" + e.getValue().path("since").asText("")
        + "\t" + e.getValue().path("until").asText("") + "\t" + e.getValue().path("renamedTo").asText("")));
    StringBuilder b = new StringBuilder(RELEASES).append('\t').append(String.join(" ", supported)).append('\n');
    lines.forEach((path, rest) -> b.append(path).append('\t').append(rest).append('\n'));
    return b.toString();
  }

  /** The NixOS releases homelab supports, oldest first ({@code 25.05}). */
  public List<String> releases() {
    return List.copyOf(releases);
  }

  /** The oldest release homelab supports. */
  public String oldest() {
    return releases.get(0);
  }

  /** The newest release homelab knows. */
  public String newest() {
    return releases.get(releases.size() - 1);
  }

  /** The release a channel follows ({@code 25.05}), or null for an unstable channel (newer than every release). */
  public static String release(String channel) {
    Matcher m = CHANNEL.matcher(channel);
    return m.matches() ? m.group(1) : null;
  }

  /**
   * What a NixOS release lacks of a path.
   *
   * @param prefix the dated path as Nix writes it: the option itself, or the module prefix it lies below
   * @param option true when {@code prefix} is the option itself
   * @param since the first release with it, when the release is older; else null
   * @param until the first release without it, when the release is that or newer; else null
   * @param renamedTo where NixOS moved it in {@code until}, or null when it was removed outright
   */
  public record Gap(String prefix, boolean option, String since, String until, String renamedTo) {

    /**
     * Why the release lacks it: {@code NixOS added it in 26.05} for the option itself,
     * {@code NixOS added `services.qbittorrent` in 25.11} for its module,
     * {@code NixOS 26.05 renamed `services.jellyseerr` to `services.seerr`}.
     */
    public String why() {
      String what = option ? "it" : "`" + prefix + "`";
      if (since != null) {
        return "NixOS added " + what + " in " + since;
      }
      if (renamedTo != null) {
        return "NixOS " + until + " renamed " + what + " to `" + renamedTo + "`";
      }
      return "NixOS removed " + what + " in " + until;
    }
  }

  /**
   * The part of a path (an option, or an attribute path below one) that the channel's release
   * does not have, or null when it has all of it or no release is recorded: the outermost
   * dated prefix or option along the path that the release lacks.
   */
  public Gap gap(List<String> path, String channel) {
    return gapIn(path, release(channel));
  }

  /** As {@link #gap}, for the release a channel follows ({@link #release}; null for unstable): for many paths of one lab. */
  public Gap gapIn(List<String> path, String release) {
    Node node = root;
    for (int i = 0; i < path.size(); i++) {
      node = step(node, path.get(i));
      if (node == null) {
        return null;
      }
      if (!node.dated) {
        continue;
      }
      if (node.since != null && release != null && release.compareTo(node.since) < 0) {
        return new Gap(OptionCatalog.display(path.subList(0, i + 1)), node.option, node.since, null, null);
      }
      if (node.until != null && (release == null || release.compareTo(node.until) >= 0)) {
        return new Gap(OptionCatalog.display(path.subList(0, i + 1)), node.option, null, node.until, node.renamedTo);
      }
    }
    return null;
  }

  /** Why the channel's release lacks the path ({@link Gap#why()}), or null when it has it. */
  public String notInRelease(List<String> path, String channel) {
    Gap gap = gap(path, channel);
    return gap == null ? null : gap.why();
  }

  /** The child a path segment leads to: by its name, else an entry of {@code <name>} or {@code *}. */
  private static Node step(Node node, String segment) {
    Node next = node.children.get(segment);
    if (next == null && !segment.equals("*")) {
      next = node.children.get("<name>");
    }
    if (next == null && segment.equals("*")) {
      next = node.children.get("*");
    }
    return next;
  }
}
