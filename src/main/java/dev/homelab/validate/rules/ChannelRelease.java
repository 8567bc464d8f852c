package dev.homelab.validate.rules;

import dev.homelab.catalog.NixosReleases;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;

/**
 * HL0391: the lab's channel follows a NixOS release homelab writes for. A release older than
 * the oldest one supported is an error (the output sets options it lacks), so is a name that
 * is no NixOS release ({@code nixos-25.06}: releases come out in May and November); a release
 * newer than homelab knows is a warning, and its options are checked as an unstable channel's.
 */
public final class ChannelRelease implements Rule {

  private static final String CHANNEL = "homelab.channel";

  @Override
  public String id() {
    return "HL0391";
  }

  @Override
  public void check(RuleContext ctx) {
    if (ctx.spec().homelab() == null || ctx.spec().homelab().channel() == null) {
      return;
    }
    String channel = ctx.spec().homelab().channel();
    String release = NixosReleases.release(channel);
    if (release == null) {
      return;
    }
    NixosReleases releases = NixosReleases.builtIn();
    String supported = supported(releases.releases());
    if (!release.matches("\\d\\d\\.(05|11)")) {
      ctx.error(CHANNEL, "`" + channel + "` is not a NixOS release: NixOS releases come out in May and November (`YY.05`, `YY.11`)",
          "homelab supports " + supported);
    } else if (release.compareTo(releases.oldest()) < 0) {
      ctx.error(CHANNEL, "`" + channel + "` is older than the oldest NixOS release homelab supports, " + releases.oldest()
          + ": the flake would set options NixOS " + release + " does not have",
          "homelab supports " + supported + ": move the lab to one of them");
    } else if (release.compareTo(releases.newest()) > 0) {
      ctx.warning(CHANNEL, "`" + channel + "` is newer than the NixOS releases homelab knows (" + releases.oldest() + " to "
          + releases.newest() + "): its options are checked as nixos-unstable's",
          "homelab supports " + supported);
    }
  }

  /** {@code nixos-25.05, nixos-25.11, nixos-26.05 and nixos-unstable}. */
  static String supported(List<String> releases) {
    StringBuilder b = new StringBuilder();
    for (String r : releases) {
      b.append("nixos-").append(r).append(", ");
    }
    return b.substring(0, b.length() - 2) + " and nixos-unstable";
  }
}
