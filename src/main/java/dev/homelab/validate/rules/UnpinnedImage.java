package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.Effective;
import dev.homelab.model.Service;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0382: a custom container ({@code kind: container}) whose image names no tag, or the
 * moving tag {@code latest}, and no digest: what runs changes whenever the registry's
 * copy does, without the spec changing.
 */
public final class UnpinnedImage implements Rule {

  @Override
  public String id() {
    return "HL0382";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      for (Map.Entry<String, Service> e : host.services().entrySet()) {
        Service s = e.getValue();
        if (!"container".equals(Effective.kindOf(e.getKey(), s)) || s.container() == null || s.container().image() == null) {
          continue;
        }
        String image = s.container().image();
        String problem = problem(image);
        if (problem != null) {
          String at = SourceMap.path(SourceMap.path("hosts", hostName, "services", e.getKey()), "container", "image");
          ctx.warning(at, "image `" + image + "` of `" + e.getKey() + "` " + problem,
              "pin it: `name:tag@sha256:...` (or at least a version tag)");
        }
      }
    });
  }

  /** Why {@code image} is not pinned, or null when it names a digest or a tag other than {@code latest}. */
  static String problem(String image) {
    if (image.contains("@")) {
      return null;
    }
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.indexOf(':');
    if (colon < 0) {
      return "names no tag and no digest: it runs whatever `latest` is when it is pulled";
    }
    if (last.substring(colon + 1).equals("latest")) {
      return "is tagged `latest`, which moves: it runs whatever that is when it is pulled";
    }
    return null;
  }
}
