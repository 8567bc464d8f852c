package dev.homelab.model;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Data that moves between the hosts of the spec: a Syncthing mesh ({@code syncthing}: each
 * host's device and the folders they share) and git repositories synced over SSH with a
 * Forgejo of another host ({@code git}: nb notebooks and plain clones, by name).
 */
public record Sync(@Valid SyncMesh syncthing, Map<String, @Valid GitSync> git) {

  public Sync {
    syncthing = syncthing == null ? new SyncMesh(null, null) : syncthing;
    git = Maps.copy(git);
  }

  /** True when the spec syncs nothing. */
  public boolean isEmpty() {
    return syncthing.folders().isEmpty() && git.isEmpty();
  }

  /** The Syncthing folders a host shares, by id, in the spec's order. */
  public List<String> foldersOn(String host) {
    List<String> out = new ArrayList<>();
    syncthing.folders().forEach((id, f) -> {
      if (f.allHosts().contains(host)) {
        out.add(id);
      }
    });
    return out;
  }

  /** The git repositories a host keeps, by name, in the spec's order. */
  public List<String> gitOn(String host) {
    List<String> out = new ArrayList<>();
    git.forEach((name, g) -> {
      if (g.hosts().contains(host)) {
        out.add(name);
      }
    });
    return out;
  }

  /** True when the host runs Syncthing for the mesh (it shares a folder). */
  public boolean meshes(String host) {
    return !foldersOn(host).isEmpty();
  }

  /** True when the host syncs anything (a folder or a repository). */
  public boolean syncs(String host) {
    return meshes(host) || !gitOn(host).isEmpty();
  }

  /**
   * The hosts that share at least one folder with this one, not itself, in the order of the
   * folders and their hosts.
   */
  public List<String> peersOf(String host) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : foldersOn(host)) {
      out.addAll(syncthing.folders().get(id).allHosts());
    }
    out.remove(host);
    return List.copyOf(out);
  }

  /** {@code ~/x} as {@code home/x}; any other path as it is. */
  public static String expand(String path, String home) {
    if (path == null) {
      return null;
    }
    if (path.equals("~")) {
      return home;
    }
    return path.startsWith("~/") ? home + path.substring(1) : path;
  }
}
