package dev.homelab.plan;

import dev.homelab.catalog.NixosReleases;
import dev.homelab.model.Spec;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.work.Cores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL0392: what the plan writes against the NixOS release the lab's channel follows. A service,
 * or what a host runs for the spec (pgBackRest for {@code backups.pgbackrest}, ...), that needs
 * an option or module the release does not have is refused at the service, or at the spec key
 * that asks for it, else at {@code homelab.channel}: naming the release that added it (or
 * renamed or removed it), rather than a flake that fails when the host switches. The spec's own
 * {@code nixos:} options were checked by validation already (HL0390).
 */
public final class ReleaseGaps {

  private static final Pattern SERVICE_FILE = Pattern.compile("hosts/([^/]+)/services/([^/]+)\\.nix");
  private static final Pattern HOST_FILE = Pattern.compile("hosts/([^/]+)/([^/]+\\.nix)");

  /**
   * The spec key that asks for a module homelab writes outside the services' own files, by the
   * module's prefix; {@code {host}} is the host's name. Anything else is located at the channel.
   */
  private static final Map<String, String> ASKED_BY = Map.of(
      "services.pgbackrest", "backups.pgbackrest",
      "services.restic", "backups",
      "services.borgbackup", "backups",
      "services.postgresqlBackup", "backups",
      "services.tailscale", "hosts.{host}.network.tailscale",
      "services.cloudflared", "hosts.{host}.network.tunnel",
      "services.caddy", "hosts.{host}.network.proxy",
      "services.traefik", "hosts.{host}.network.proxy",
      "services.nginx", "hosts.{host}.network.proxy");

  private ReleaseGaps() {}

  /** From this many files, they are looked at on every core (each whole by one thread). */
  static final int PARALLEL_FROM = 400;

  /** One error per service (or host file) and missing module or option, in the files' order. */
  public static List<Notice> notices(Spec spec, List<PlannedFile> files) {
    return notices(spec, files, PARALLEL_FROM);
  }

  /** As above, on every core from {@code parallelFrom} files (tests compare both ways). */
  static List<Notice> notices(Spec spec, List<PlannedFile> files, int parallelFrom) {
    String channel = spec.homelab().channel();
    NixosReleases releases = NixosReleases.builtIn();
    String release = NixosReleases.release(channel);
    List<Notice> out = new ArrayList<>();
    Cores.map(files, parallelFrom, f -> notices(f, releases, release, channel)).forEach(out::addAll);
    return List.copyOf(out);
  }

  /** A file's notices: one per gap its options fall into, in the order its options are bound. */
  private static java.util.Collection<Notice> notices(PlannedFile f, NixosReleases releases, String release, String channel) {
    if (!(f.model().get("module") instanceof NixModule m)) {
      return List.of();
    }
    Map<String, Notice> out = new LinkedHashMap<>();
    OptionLeaf.forEach(m.optionBindings(), (path, value) -> {
      if (path.get(0).equals("imports")) {
        return;
      }
      NixosReleases.Gap gap = releases.gapIn(path, release);
      if (gap != null) {
        out.putIfAbsent(gap.prefix(), notice(f.path(), gap, channel));
      }
    });
    return out.values();
  }

  private static Notice notice(String file, NixosReleases.Gap gap, String channel) {
    String what = (gap.option() ? "the option `" : "the NixOS module `") + gap.prefix() + "`, which NixOS ";
    String when = gap.since() != null ? "added in " + gap.since()
        : gap.renamedTo() != null ? gap.until() + " renamed to `" + gap.renamedTo() + "`" : "removed in " + gap.until();
    String needs = " needs " + what + when + "; the lab follows " + channel;
    String change = gap.since() != null
        ? "set `homelab.channel: nixos-" + gap.since() + "` or a newer channel"
        : "follow a channel before nixos-" + gap.until();
    Matcher service = SERVICE_FILE.matcher(file);
    if (service.matches()) {
      return new Notice("HL0392", "hosts." + service.group(1) + ".services." + service.group(2),
          "`" + service.group(2) + "` on host `" + service.group(1) + "`" + needs, change + ", or drop the service", true);
    }
    Matcher host = HOST_FILE.matcher(file);
    String asked = askedBy(gap.prefix());
    if (host.matches()) {
      String path = asked == null ? "homelab.channel" : asked.replace("{host}", host.group(1));
      return new Notice("HL0392", path, "host `" + host.group(1) + "` (" + host.group(2) + ")" + needs,
          change + ", or drop what needs it", true);
    }
    return new Notice("HL0392", asked == null || asked.contains("{host}") ? "homelab.channel" : asked,
        "the lab's " + file + needs, change + ", or drop what needs it", true);
  }

  /** The spec key that asks for the module a dated path lies in, or null. */
  private static String askedBy(String prefix) {
    for (Map.Entry<String, String> e : ASKED_BY.entrySet()) {
      if (prefix.equals(e.getKey()) || prefix.startsWith(e.getKey() + ".")) {
        return e.getValue();
      }
    }
    return null;
  }
}
