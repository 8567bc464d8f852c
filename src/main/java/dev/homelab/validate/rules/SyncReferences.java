package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.diag.Suggest;
import dev.homelab.model.GitSync;
import dev.homelab.model.Sync;
import dev.homelab.model.SyncFolder;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * HL0440: a name in {@code sync:} that the spec does not declare: a host (of a device, a
 * folder, a repository or a remote), a person a device or repository runs as, a tier.
 */
public final class SyncReferences implements Rule {

  @Override
  public String id() {
    return "HL0440";
  }

  @Override
  public void check(RuleContext ctx) {
    Sync sync = ctx.spec().sync();
    Set<String> people = new LinkedHashSet<>(ctx.spec().admins().keySet());
    people.addAll(ctx.spec().users().keySet());
    String mesh = SourceMap.path("sync", "syncthing");
    sync.syncthing().devices().forEach((host, d) -> {
      String at = SourceMap.path(mesh, "devices", host);
      host(ctx, host, at, true);
      if (d.user() != null) {
        name(ctx, "person", d.user(), people, SourceMap.child(at, "user"), "a device runs as a person of `admins:` or `users:`");
      }
    });
    sync.syncthing().folders().forEach((id, f) -> {
      String at = SourceMap.path(mesh, "folders", id);
      hosts(ctx, f, at);
      tier(ctx, f.tier(), SourceMap.child(at, "tier"));
    });
    sync.git().forEach((name, g) -> {
      String at = SourceMap.path("sync", "git", name);
      List<String> hosts = g.hosts();
      for (int i = 0; i < hosts.size(); i++) {
        host(ctx, hosts.get(i), SourceMap.child(at, "hosts") + "[" + i + "]", false);
      }
      if (g.remote() != null && g.remote().host() != null) {
        host(ctx, g.remote().host(), SourceMap.path(at, "remote", "host"), false);
      }
      if (g.user() != null) {
        name(ctx, "person", g.user(), people, SourceMap.child(at, "user"), "a repository is kept for a person of `admins:` or `users:`");
      }
      tier(ctx, g.tier(), SourceMap.child(at, "tier"));
    });
  }

  private static void hosts(RuleContext ctx, SyncFolder f, String at) {
    for (int i = 0; i < f.hosts().size(); i++) {
      host(ctx, f.hosts().get(i), SourceMap.child(at, "hosts") + "[" + i + "]", false);
    }
    for (String h : f.paths().keySet()) {
      host(ctx, h, SourceMap.path(at, "paths", h), true);
    }
  }

  private static void host(RuleContext ctx, String host, String at, boolean atKey) {
    if (ctx.hosts().containsKey(host)) {
      return;
    }
    String hint = Suggest.didYouMean(host, ctx.hosts().keySet());
    String message = "unknown host `" + host + "`";
    hint = hint != null ? hint : "hosts of the spec: " + String.join(", ", ctx.hosts().keySet());
    if (atKey) {
      ctx.errorAtKey(at, message, hint);
    } else {
      ctx.error(at, message, hint);
    }
  }

  private static void tier(RuleContext ctx, String tier, String at) {
    if (tier != null) {
      name(ctx, "tier", tier, ctx.spec().tiers().keySet(), at, "a tier of `tiers:`, whose `backup` names the jobs that take it");
    }
  }

  private static void name(RuleContext ctx, String what, String name, Collection<String> known, String at, String otherwise) {
    if (known.contains(name)) {
      return;
    }
    String hint = Suggest.didYouMean(name, known);
    ctx.error(at, "unknown " + what + " `" + name + "`", hint != null ? hint : otherwise);
  }
}
