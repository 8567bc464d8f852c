package dev.homelab.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code --version} says about the build: the version from the pom, and where the NixOS
 * option catalog was read (how many options, at how many revisions of which repositories, and
 * the NixOS releases it tells apart). {@link #main} derives it from the vendored catalog files
 * at build time into {@value #RESOURCE}, so a run does not read the catalog to print it.
 */
public record BuildInfo(String version, int options, int revisions, String mostRead, int mostReadOptions,
    int unrecorded, List<String> repositories, List<String> releases, int darwinOptions, int homeManagerOptions) {

  public static final String RESOURCE = "dev/homelab/dist/build-info.properties";

  private static BuildInfo loaded;

  /** The build's facts, from the resource {@link #main} wrote. */
  public static synchronized BuildInfo get() {
    if (loaded == null) {
      Properties p = new Properties();
      try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing: the build writes it (process-classes)");
        }
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      loaded = new BuildInfo(p.getProperty("version"), num(p, "options"), num(p, "revisions"),
          p.getProperty("mostRead"), num(p, "mostReadOptions"), num(p, "unrecorded"),
          list(p, "repositories"), list(p, "releases"), num(p, "darwinOptions"), num(p, "homeManagerOptions"));
    }
    return loaded;
  }

  /**
   * Writes the resource: {@code args[0]} the version, {@code args[1]} options.json,
   * {@code args[2]} releases.json, {@code args[3]} darwin-options.json, {@code args[4]}
   * home-manager-options.json, {@code args[5]} the properties file to write.
   */
  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode options = json.readTree(Path.of(args[1]).toFile());
    Map<String, Integer> byRevision = new TreeMap<>();
    TreeSet<String> repositories = new TreeSet<>();
    int unrecorded = 0;
    for (Iterator<JsonNode> it = options.elements(); it.hasNext();) {
      JsonNode o = it.next();
      String repo = o.path("repo").isTextual() ? o.path("repo").asText() : "NixOS/nixpkgs";
      repositories.add(repo);
      if (o.path("commit").isTextual()) {
        byRevision.merge(repo + "@" + o.path("commit").asText(), 1, Integer::sum);
      } else {
        unrecorded++;
      }
    }
    String most = null;
    for (Map.Entry<String, Integer> e : byRevision.entrySet()) {
      if (most == null || e.getValue() > byRevision.get(most)) {
        most = e.getKey();
      }
    }
    List<String> releases = new ArrayList<>();
    json.readTree(Path.of(args[2]).toFile()).path("releases").forEach(r -> releases.add(r.asText()));
    int darwin = json.readTree(Path.of(args[3]).toFile()).size();
    int homeManager = json.readTree(Path.of(args[4]).toFile()).size();

    // Written by hand, sorted and without the date Properties.store adds: the same input gives
    // the same bytes.
    StringBuilder s = new StringBuilder();
    s.append("darwinOptions=").append(darwin).append('\n');
    s.append("homeManagerOptions=").append(homeManager).append('\n');
    s.append("mostRead=").append(most == null ? "" : most).append('\n');
    s.append("mostReadOptions=").append(most == null ? 0 : byRevision.get(most)).append('\n');
    s.append("options=").append(options.size()).append('\n');
    s.append("releases=").append(String.join(",", releases)).append('\n');
    s.append("repositories=").append(String.join(",", repositories)).append('\n');
    s.append("revisions=").append(byRevision.size()).append('\n');
    s.append("unrecorded=").append(unrecorded).append('\n');
    s.append("version=").append(args[0]).append('\n');
    Path out = Path.of(args[5]);
    Files.createDirectories(out.getParent());
    Files.writeString(out, s.toString(), StandardCharsets.UTF_8);
  }

  /** The lines {@code --version} prints after the first. */
  public List<String> describe(int serviceKinds) {
    List<String> lines = new ArrayList<>();
    lines.add("service catalog: " + serviceKinds + " service kinds");
    lines.add("option catalog: " + options + " NixOS options read at " + revisions + " revisions of "
        + String.join(", ", repositories) + (unrecorded == 0 ? "" : " (" + unrecorded + " with no revision recorded)"));
    if (mostRead != null && !mostRead.isEmpty()) {
      lines.add("  most read at " + mostRead + " (" + mostReadOptions + " options)");
    }
    if (!releases.isEmpty()) {
      lines.add("  NixOS releases told apart: " + String.join(", ", releases)
          + " (" + releases.get(0) + " to " + releases.get(releases.size() - 1) + ")");
    }
    lines.add("  nix-darwin: " + darwinOptions + " options, home-manager: " + homeManagerOptions + " options");
    return lines;
  }

  private static int num(Properties p, String key) {
    return Integer.parseInt(p.getProperty(key, "0"));
  }

  private static List<String> list(Properties p, String key) {
    String v = p.getProperty(key, "");
    return v.isEmpty() ? List.of() : List.of(v.split(","));
  }
}
