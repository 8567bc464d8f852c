package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.GitSync;
import dev.homelab.model.Host;
import dev.homelab.model.Sync;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;

/**
 * HL0442: a host named in {@code sync:} that cannot play its part: a darwin host in a
 * Syncthing folder or keeping a repository (nix-darwin has no {@code services.syncthing}, and
 * usync is built for NixOS), a remote on a host that runs no Forgejo service of that name, a
 * folder shared with no other host; and, as a warning, two hosts of a folder that share no
 * network and whose devices give no address.
 */
public final class SyncHostsCanSync implements Rule {

  @Override
  public String id() {
    return "HL0442";
  }

  @Override
  public void check(RuleContext ctx) {
    Sync sync = ctx.spec().sync();
    sync.syncthing().folders().forEach((id, f) -> {
      String at = SourceMap.path("sync", "syncthing", "folders", id);
      for (int i = 0; i < f.hosts().size(); i++) {
        darwin(ctx, f.hosts().get(i), SourceMap.child(at, "hosts") + "[" + i + "]", "nix-darwin has no `services.syncthing` module");
      }
      if (f.allHosts().size() < 2) {
        ctx.errorAtKey(at, "folder `" + id + "` is shared with no other host",
            "name at least two hosts under `hosts:` (or `paths:`): a folder syncs between devices");
      }
      List<String> hosts = f.allHosts();
      for (int i = 0; i < hosts.size(); i++) {
        for (int j = i + 1; j < hosts.size(); j++) {
          unreachable(ctx, id, hosts.get(i), hosts.get(j), at);
        }
      }
    });
    sync.git().forEach((name, g) -> {
      String at = SourceMap.path("sync", "git", name);
      for (int i = 0; i < g.hosts().size(); i++) {
        darwin(ctx, g.hosts().get(i), SourceMap.child(at, "hosts") + "[" + i + "]", "usync is built for NixOS hosts");
      }
      if (g.hosts().isEmpty()) {
        ctx.errorAtKey(at, "repository `" + name + "` is kept on no host", "list the hosts that keep it under `hosts:`");
      }
      remote(ctx, g, SourceMap.child(at, "remote"));
    });
  }

  /**
   * A warning for two hosts of a folder that share no network the firewall opens Syncthing's
   * ports on (not both on the tailnet, no LAN range in common) and whose devices give no
   * address: they can meet only through Syncthing's relays, if at all.
   */
  private static void unreachable(RuleContext ctx, String folder, String a, String b, String at) {
    Host ha = ctx.hosts().get(a);
    Host hb = ctx.hosts().get(b);
    var devices = ctx.spec().sync().syncthing().devices();
    if (ha == null || hb == null || !devices.containsKey(a) || !devices.containsKey(b)
        || !devices.get(a).addresses().isEmpty() || !devices.get(b).addresses().isEmpty()) {
      return;
    }
    boolean tailnet = ha.network().tailscale().enable() && hb.network().tailscale().enable();
    boolean lan = ha.network().lan().ranges().stream().anyMatch(hb.network().lan().ranges()::contains);
    if (!tailnet && !lan) {
      ctx.warningAtKey(at, "`" + a + "` and `" + b + "` share folder `" + folder + "` but no network: neither both are on"
          + " the tailnet nor do they share a LAN range, and their devices give no address",
          "put both on the tailnet (`network.tailscale: true`), or give one device `addresses: [tcp://HOST:22000]`"
              + " the other can reach (its firewall opens 22000 only on the LAN and tailnet interfaces)");
    }
  }

  private static void darwin(RuleContext ctx, String host, String at, String why) {
    Host h = ctx.hosts().get(host);
    if (h != null && h.system() != null && h.system().endsWith("-darwin")) {
      ctx.error(at, "`" + host + "` is a darwin host: " + why, "sync it from the host's own configuration, or leave it out");
    }
  }

  private static void remote(RuleContext ctx, GitSync g, String at) {
    if (g.remote() == null) {
      ctx.errorAtKey(at.substring(0, at.lastIndexOf('.')), "the repository has no `remote`",
          "`remote: { host: HOST, repo: owner/name }`, a repository on the Forgejo of a host of the spec");
      return;
    }
    Host h = ctx.hosts().get(g.remote().host());
    if (h == null) {
      return;
    }
    List<EffectiveService> services = ctx.services(g.remote().host(), h);
    EffectiveService s = services.stream().filter(x -> x.name().equals(g.remote().service())).findFirst().orElse(null);
    String forgejo = services.stream().filter(x -> "forgejo".equals(x.kind())).map(EffectiveService::name).findFirst().orElse(null);
    if (s == null || !"forgejo".equals(s.kind())) {
      String what = s == null ? "host `" + g.remote().host() + "` runs no service `" + g.remote().service() + "`"
          : "`" + s.name() + "` on `" + g.remote().host() + "` is not a Forgejo (kind `" + s.kind() + "`)";
      ctx.error(SourceMap.child(at, s == null && !ctx.sources().has(SourceMap.child(at, "service")) ? "host" : "service"),
          what + ": the remote is a repository on a Forgejo service",
          forgejo != null ? "its Forgejo is `" + forgejo + "`: `service: " + forgejo + "`"
              : "run `forgejo` on `" + g.remote().host() + "` (`services: { forgejo: {} }`), or name the host that does");
    } else if (!s.deployed()) {
      ctx.error(SourceMap.child(at, "host"), "the Forgejo `" + s.name() + "` of `" + g.remote().host() + "` is not deployed",
          "enable it (its tier or `enable:`), or name a host whose Forgejo runs");
    }
  }
}
