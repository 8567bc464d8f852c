package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.GitSync;
import dev.homelab.model.Paths;
import dev.homelab.model.Sync;
import dev.homelab.model.SyncDevice;
import dev.homelab.model.SyncFolder;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import dev.homelab.validate.values.FilePaths;
import dev.homelab.validate.values.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * HL0443: a synced path that is not an absolute path nor one in the home ({@code ~/...}), a
 * folder host without a path, {@code ~/} where no person's home is meant, and two synced
 * paths on one host inside one another: each sync would carry the other's changes round
 * again (a folder in a folder, a repository with its {@code .git} inside a Syncthing folder).
 */
public final class SyncPaths implements Rule {

  @Override
  public String id() {
    return "HL0443";
  }

  /** One synced path on a host: where the spec writes it, and the absolute path it means. */
  private record Placed(String host, String what, String at, String path) {}

  @Override
  public void check(RuleContext ctx) {
    Sync sync = ctx.spec().sync();
    List<Placed> placed = new ArrayList<>();
    sync.syncthing().folders().forEach((id, f) -> {
      String at = SourceMap.path("sync", "syncthing", "folders", id);
      for (String host : f.allHosts()) {
        String written = f.pathOn(host);
        String where = f.paths().containsKey(host) ? SourceMap.path(at, "paths", host) : SourceMap.child(at, "path");
        if (written == null) {
          ctx.errorAtKey(at, "folder `" + id + "` has no path on `" + host + "`",
              "give `path:` (every host), or `paths: { " + host + ": ... }`");
          continue;
        }
        if (wellFormed(ctx, written, where)) {
          placed.add(new Placed(host, "folder `" + id + "`", where, Sync.expand(written, syncthingHome(ctx, host))));
        }
      }
    });
    sync.git().forEach((name, g) -> {
      String at = SourceMap.path("sync", "git", name);
      String where = SourceMap.child(at, "path");
      if (g.path() == null) {
        ctx.errorAtKey(at, "repository `" + name + "` has no `path`", "where it is kept on each host: `path: ~/" + name + "`");
        return;
      }
      if (!wellFormed(ctx, g.path(), where)) {
        return;
      }
      for (String host : g.hosts()) {
        String home = gitHome(ctx, host, g);
        if (g.path().startsWith("~") && home == null) {
          ctx.error(where, "`" + g.path() + "` is in a home, but no person's home is meant on `" + host + "`",
              "give the repository `user: PERSON`, or the device of `" + host + "` `user: PERSON`, or an absolute path");
          continue;
        }
        placed.add(new Placed(host, "repository `" + name + "`", where, Sync.expand(g.path(), home)));
      }
    });
    for (int i = 0; i < placed.size(); i++) {
      for (int j = 0; j < placed.size(); j++) {
        Placed a = placed.get(i);
        Placed b = placed.get(j);
        if (i == j || !a.host().equals(b.host()) || a.what().equals(b.what())) {
          continue;
        }
        boolean same = a.path().equals(b.path());
        if (same ? i < j : Paths.isAtOrBelow(a.path(), b.path())) {
          ctx.error(a.at(), a.what() + " on `" + a.host() + "` (" + a.path() + ") is " + (same ? "the same folder as " : "inside ")
                  + b.what() + " (" + b.path() + ")",
              "each would sync the other's changes back round (and Syncthing a repository's .git): give them paths side by side");
        }
      }
    }
  }

  /** True for an absolute path or one in the home; reports any other. */
  private static boolean wellFormed(RuleContext ctx, String written, String at) {
    Problem p;
    if (written.equals("~") || written.startsWith("~/")) {
      String rest = written.equals("~") ? "/" : written.substring(1);
      p = FilePaths.absolute(rest, true, List.of(), "~/Documents");
      if (p != null) {
        p = new Problem(p.message().replace("`" + rest + "`", "`" + written + "`"), p.hint(), false);
      }
    } else if (!written.startsWith("/")) {
      p = new Problem("`" + written + "` is neither an absolute path nor one in the home (`~/...`)",
          "for example `/srv/sync/documents`, or `~/Documents` in the home of the user Syncthing runs as", false);
    } else {
      p = FilePaths.absolute(written, false, List.of(), "/srv/sync/documents");
    }
    if (p != null) {
      ctx.error(at, p.message(), p.hint());
      return false;
    }
    return true;
  }

  /** The home {@code ~/} means for a folder on a host, as the planner resolves it. */
  static String syncthingHome(RuleContext ctx, String host) {
    if (ctx.hosts().containsKey(host) && SyncDevices.runsKind(ctx, host)) {
      return ctx.services(host, ctx.hosts().get(host)).stream().filter(s -> "syncthing".equals(s.kind()))
          .map(s -> s.descriptor().stateDir()).findFirst().orElse("/var/lib/syncthing");
    }
    SyncDevice d = ctx.spec().sync().syncthing().devices().get(host);
    return d != null && d.user() != null ? "/home/" + d.user() : "/var/lib/syncthing";
  }

  private static String gitHome(RuleContext ctx, String host, GitSync g) {
    String user = g.user();
    if (user == null) {
      SyncDevice d = ctx.spec().sync().syncthing().devices().get(host);
      user = d == null ? null : d.user();
    }
    return user == null ? null : "/home/" + user;
  }
}
