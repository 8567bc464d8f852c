package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Sync;
import dev.homelab.model.SyncDevice;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HL0441: the Syncthing devices do not match the folders: a host shares a folder but has no
 * device, a device id whose check characters are wrong (a typing mistake Syncthing refuses),
 * two hosts with one id, or a device that runs as a person on a host whose {@code syncthing}
 * service runs it as its own user.
 */
public final class SyncDevices implements Rule {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  @Override
  public String id() {
    return "HL0441";
  }

  @Override
  public void check(RuleContext ctx) {
    Sync sync = ctx.spec().sync();
    String mesh = SourceMap.path("sync", "syncthing");
    sync.syncthing().folders().forEach((id, f) -> {
      String at = SourceMap.path(mesh, "folders", id);
      for (int i = 0; i < f.hosts().size(); i++) {
        missing(ctx, f.hosts().get(i), SourceMap.child(at, "hosts") + "[" + i + "]", false);
      }
      f.paths().keySet().stream().filter(h -> !f.hosts().contains(h))
          .forEach(h -> missing(ctx, h, SourceMap.path(at, "paths", h), true));
    });
    Map<String, String> byId = new HashMap<>();
    sync.syncthing().devices().forEach((host, d) -> {
      String at = SourceMap.path(mesh, "devices", host);
      if (d.id() != null && d.id().matches("[A-Z2-7]{7}(-[A-Z2-7]{7}){7}")) {
        if (!checks(d.id())) {
          ctx.error(SourceMap.child(at, "id"), "`" + d.id() + "` is not a device id: its check characters do not match",
              "copy it again from the host (`syncthing --device-id`, or Actions > Show ID in its GUI): a character is mistyped");
        }
        String other = byId.putIfAbsent(d.id(), host);
        if (other != null) {
          ctx.error(SourceMap.child(at, "id"), "hosts `" + other + "` and `" + host + "` have the same device id",
              "each host has its own id: copy this one from `" + host + "`");
        }
      }
      if (d.user() != null && ctx.hosts().containsKey(host) && runsKind(ctx, host)) {
        ctx.error(SourceMap.child(at, "user"), "`" + host + "` runs the `syncthing` service, which runs Syncthing as its"
            + " own user: the device cannot run as `" + d.user() + "`",
            "drop `user:` (paths with `~/` are then in the service's home), or the `syncthing` service");
      }
    });
  }

  private static void missing(RuleContext ctx, String host, String at, boolean atKey) {
    if (!ctx.hosts().containsKey(host) || ctx.spec().sync().syncthing().devices().containsKey(host)) {
      return;
    }
    String message = "host `" + host + "` shares this folder but has no Syncthing device";
    String hint = "add `sync.syncthing.devices." + host + ": { id: ... }`, the id `syncthing --device-id` prints on " + host;
    if (atKey) {
      ctx.errorAtKey(at, message, hint);
    } else {
      ctx.error(at, message, hint);
    }
  }

  static boolean runsKind(RuleContext ctx, String host) {
    List<EffectiveService> services = ctx.services(host, ctx.hosts().get(host));
    return services.stream().anyMatch(s -> s.deployed() && "syncthing".equals(s.kind()));
  }

  /**
   * True when each of the four groups of 13 characters is followed by its check character
   * (Syncthing's Luhn mod 32 over the base32 alphabet).
   */
  public static boolean checks(String id) {
    String s = id.replace("-", "");
    if (s.length() != 56) {
      return false;
    }
    for (int g = 0; g < 4; g++) {
      String part = s.substring(g * 14, g * 14 + 13);
      if (check(part) != s.charAt(g * 14 + 13)) {
        return false;
      }
    }
    return true;
  }

  /** Syncthing's check character of a group. */
  static char check(String part) {
    int factor = 1;
    int sum = 0;
    for (char c : part.toCharArray()) {
      int addend = factor * ALPHABET.indexOf(c);
      factor = factor == 2 ? 1 : 2;
      sum += addend / 32 + addend % 32;
    }
    return ALPHABET.charAt((32 - sum % 32) % 32);
  }
}
