package dev.homelab.model;

import jakarta.validation.Valid;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Syncthing folder: the hosts that share it ({@code hosts}, each keeping it at
 * {@code path}, or at its own path in {@code paths}; a host named only in {@code paths} shares
 * it too), how replaced and deleted files are kept ({@code versioning}) and the tier whose
 * backup jobs take it on every host that has it.
 */
public record SyncFolder(
    List<String> hosts,
    String path,
    Map<String, String> paths,
    @Valid Versioning versioning,
    String tier) {

  public SyncFolder {
    hosts = Maps.copy(hosts);
    paths = Maps.copy(paths);
  }

  /** Every host that shares the folder: {@code hosts}, then those named only in {@code paths}. */
  public List<String> allHosts() {
    Set<String> out = new LinkedHashSet<>(hosts);
    out.addAll(paths.keySet());
    return List.copyOf(out);
  }

  /** The folder's path on a host as the spec writes it ({@code ~/...} or absolute); null when none. */
  public String pathOn(String host) {
    return paths.getOrDefault(host, path);
  }
}
