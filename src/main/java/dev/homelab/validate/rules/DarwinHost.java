package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Host;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * HL0422: a Mac (a {@code *-darwin} system) is a nix-darwin configuration, not NixOS: it has no
 * ZFS storage, services, network setup (proxy, tunnel, firewall, LAN ports, Tailscale module),
 * ephemeral root, replication, boot loader, hardware or host id, and no {@code nixos:} options
 * (its own go under {@code darwin:}); no replication sends to it and no backup job runs on it.
 */
public final class DarwinHost implements Rule {

  /** The host keys only a NixOS host has, with why. */
  private static final Map<String, String> NIXOS_ONLY = new java.util.LinkedHashMap<>();

  static {
    NIXOS_ONLY.put("storage", "ZFS pools are managed on NixOS hosts only");
    NIXOS_ONLY.put("services", "services run on NixOS hosts (a Mac's apps come from `homebrew` or a home profile's packages)");
    NIXOS_ONLY.put("network", "its network is macOS's: no proxy, tunnel, firewall or interfaces to set (Tailscale: the"
        + " `tailscale-app` cask)");
    NIXOS_ONLY.put("impermanence", "an ephemeral root is a NixOS setup");
    NIXOS_ONLY.put("replication", "Syncoid replication sends ZFS datasets, which a Mac does not have");
    NIXOS_ONLY.put("boot", "macOS boots itself");
    NIXOS_ONLY.put("hardware", "hardware options are NixOS's");
    NIXOS_ONLY.put("hostId", "the host id is ZFS's, on NixOS");
    NIXOS_ONLY.put("nixos", "NixOS options do not exist in nix-darwin: write nix-darwin's under `darwin:`");
  }

  @Override
  public String id() {
    return "HL0422";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      if (!host.isDarwin()) {
        return;
      }
      String path = SourceMap.path("hosts", name);
      NIXOS_ONLY.forEach((key, why) -> {
        String at = SourceMap.child(path, key);
        if (ctx.sources().has(at)) {
          ctx.errorAtKey(at, "`" + key + "` on the Mac `" + name + "` (" + host.system() + ")", why);
        }
      });
    });
    ctx.hosts().forEach((name, host) -> {
      if (host.replication() != null && isMac(ctx, host.replication().to())) {
        ctx.error(SourceMap.path("hosts", name, "replication", "to"), "replication to the Mac `" + host.replication().to() + "`",
            "Syncoid receives into a ZFS pool on a NixOS host: name one of those");
      }
    });
    for (Map.Entry<String, BackupJob> e : ctx.spec().backups().jobs().entrySet()) {
      List<String> hosts = e.getValue().hosts();
      for (int i = 0; hosts != null && i < hosts.size(); i++) {
        if (isMac(ctx, hosts.get(i))) {
          ctx.error(SourceMap.path("backups", "jobs", e.getKey(), "hosts") + "[" + i + "]",
              "backup job `" + e.getKey() + "` runs on the Mac `" + hosts.get(i) + "`",
              "backup jobs are systemd units on NixOS hosts; back a Mac up with Time Machine or a tool of its own");
        }
      }
    }
  }

  private static boolean isMac(RuleContext ctx, String host) {
    Host h = host == null ? null : ctx.hosts().get(host);
    return h != null && h.isDarwin();
  }
}
