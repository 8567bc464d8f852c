package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.Effective;
import dev.homelab.model.Container;
import dev.homelab.model.Service;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import dev.homelab.validate.values.FilePaths;
import dev.homelab.validate.values.Problem;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HL0308: a custom container ({@code kind: container}) names its image and port; a
 * {@code container:} belongs to that kind only; its image, volumes and environment are
 * written so they cannot reach past their place in the container's command line.
 */
public final class ContainerServices implements Rule {

  private static final Pattern IMAGE = Pattern.compile("[a-z0-9]([a-z0-9._/:@-]*[a-z0-9])?");
  private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ENV_VALUE = Pattern.compile("[^\\p{Cntrl}]*");

  @Override
  public String id() {
    return "HL0308";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      for (Map.Entry<String, Service> e : host.services().entrySet()) {
        String path = SourceMap.path("hosts", hostName, "services", e.getKey());
        Service s = e.getValue();
        boolean custom = "container".equals(Effective.kindOf(e.getKey(), s));
        Container c = s.container();
        if (!custom) {
          if (c != null) {
            ctx.errorAtKey(SourceMap.child(path, "container"), "`container:` is for `kind: container` only",
                "add `kind: container`, or remove `container:` to use the catalog's `" + Effective.kindOf(e.getKey(), s) + "`");
          }
          continue;
        }
        if (c == null || c.image() == null) {
          ctx.errorAtKey(path, "`" + e.getKey() + "` is a custom container but names no image",
              "add `container: { image: registry/name:tag }`");
        } else if (!IMAGE.matcher(c.image()).matches()) {
          ctx.error(SourceMap.path(path, "container", "image"), "`" + c.image() + "` is not an image reference",
              "for example `ghcr.io/owner/app:1.2.3` (pin a tag or a digest)");
        }
        if (s.port() == null) {
          ctx.errorAtKey(path, "`" + e.getKey() + "` is a custom container but has no `port:`",
              "give the host port its web UI is published on (127.0.0.1 only), e.g. `port: 8300`");
        }
        if (c == null) {
          continue;
        }
        if (!c.runtime().equals("oci") && !c.runtime().equals("quadlet")) {
          ctx.error(SourceMap.path(path, "container", "runtime"), "`" + c.runtime() + "` is not a container runtime",
              "use `oci` (virtualisation.oci-containers, the default) or `quadlet` (systemd Quadlet units)");
        }
        for (int i = 0; i < c.volumes().size(); i++) {
          String problem = volumeProblem(c.volumes().get(i));
          if (problem != null) {
            ctx.error(SourceMap.path(path, "container", "volumes") + "[" + i + "]", "`" + c.volumes().get(i) + "` is not a volume: " + problem,
                "write `/host/path:/container/path` (or `...:ro`), absolute paths of plain characters");
          }
        }
        c.environment().forEach((k, v) -> {
          String at = SourceMap.path(path, "container", "environment", k);
          if (!ENV_KEY.matcher(k).matches()) {
            ctx.errorAtKey(at, "`" + k + "` is not an environment variable name", "letters, digits and `_`, not starting with a digit");
          }
          if (v == null || !ENV_VALUE.matcher(v).matches()) {
            ctx.error(at, "the value of `" + k + "` must be one line", "put multi-line or secret values into `environmentFile`");
          }
        });
      }
    });
  }

  /**
   * Why {@code /host:/container[:ro|rw]} is not a volume, or null: both sides are plain
   * absolute paths (the host side not {@code /} itself), as every path of the spec.
   */
  static String volumeProblem(String volume) {
    String[] parts = volume.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      return "it is not `HOST:CONTAINER` with an optional `:ro` or `:rw`";
    }
    if (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
      return "`" + parts[2] + "` is not `ro` or `rw`";
    }
    Problem host = FilePaths.absolute(parts[0], false, java.util.List.of(), "/srv/wiki");
    if (host != null) {
      return host.message();
    }
    Problem inside = FilePaths.absolute(parts[1]);
    return inside == null ? null : inside.message();
  }
}
