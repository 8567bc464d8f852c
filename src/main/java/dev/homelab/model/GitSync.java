package dev.homelab.model;

import java.util.List;

/**
 * A git repository kept on several hosts and synced through a Forgejo over SSH: where it
 * lives on each host ({@code path}, absolute or {@code ~/...}), the repository it pulls from
 * and pushes to ({@code remote}), the hosts that keep it, whether it is an nb notebook
 * ({@code nb}: synced with {@code nb sync}, nb installed), whose home {@code ~/} is
 * ({@code user}: default the person the host's Syncthing runs as) and the tier whose backup
 * jobs take it.
 */
public record GitSync(String path, GitRemote remote, List<String> hosts, Boolean nb, String user, String tier) {

  public GitSync {
    hosts = Maps.copy(hosts);
    nb = nb == null ? Boolean.FALSE : nb;
  }
}
