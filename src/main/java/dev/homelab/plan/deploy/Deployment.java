package dev.homelab.plan.deploy;

import dev.homelab.model.BackupJob;
import dev.homelab.model.Deploy;
import dev.homelab.model.DeployEngine;
import dev.homelab.model.DeployHost;
import dev.homelab.model.Host;
import dev.homelab.model.Repository;
import dev.homelab.model.Spec;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.backup.BackupPlanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who the deployment engine deploys and how: one {@link Node} per NixOS host the spec does not
 * take out of remote deployment ({@code deploy.hosts.<h>: false}), with where SSH reaches it,
 * as whom, whether it builds its own system, and its phase. A darwin host is never a node:
 * colmena and deploy-rs deploy NixOS; a Mac switches itself with {@code darwin-rebuild}.
 */
public final class Deployment {

  /**
   * A host the engine deploys.
   *
   * @param targetHost where SSH reaches it
   * @param targetUser the SSH user (null: SSH's own default)
   * @param tags colmena tags: {@code phase-<n>} first, then the spec's
   * @param phase deployed after every host of a lower phase
   */
  public record Node(String name, String system, String targetHost, String targetUser, boolean buildOnTarget,
      List<String> tags, int phase) {

    /** {@code user@host}, or the host alone without a user. */
    public String sshTarget() {
      return targetUser == null ? targetHost : targetUser + "@" + targetHost;
    }
  }

  private Deployment() {}

  /** True for a nix-darwin host ({@code system} ending in {@code -darwin}). */
  public static boolean darwin(Host host) {
    return host.system() != null && host.system().endsWith("-darwin");
  }

  /**
   * The hosts this host needs running before its own first start: the target it replicates to,
   * and the SFTP hosts of the restic repositories its backup jobs write and its preseeds restore
   * from (their receiving accounts must exist before it sends, its data must be there before it
   * restores).
   */
  public static Set<String> dependsOn(HostContext ctx) {
    Set<String> out = new TreeSet<>();
    if (ctx.host.replication() != null && ctx.host.replication().to() != null) {
      out.add(ctx.host.replication().to());
    }
    Map<String, Repository> repos = ctx.spec.backups().repositories();
    Set<String> used = new TreeSet<>();
    for (Map.Entry<String, BackupJob> e : ctx.spec.backups().jobs().entrySet()) {
      if (BackupPlanner.runsOn(ctx, e.getKey(), e.getValue())) {
        used.addAll(e.getValue().to());
      }
    }
    ctx.services.forEach(s -> {
      if (s.spec().preseed() != null && s.spec().preseed().repository() != null) {
        used.add(s.spec().preseed().repository());
      }
    });
    for (String r : used) {
      Repository repo = repos.get(r);
      if (repo != null && repo.sftp() != null && repo.sftp().host() != null) {
        out.add(repo.sftp().host());
      }
    }
    out.remove(ctx.name);
    out.retainAll(ctx.spec.hosts().keySet());
    return out;
  }

  /** The user SSH logs in as by default: {@code deploy.targetUser}, else the first admin (null: none). */
  public static String defaultUser(Spec spec) {
    if (spec.deploy().targetUser() != null) {
      return spec.deploy().targetUser();
    }
    return spec.admins().isEmpty() ? null : spec.admins().keySet().iterator().next();
  }

  /** Where SSH reaches a host: its override, its tailnet name, else its name as SSH resolves it. */
  public static String target(Spec spec, String name, Host host) {
    DeployHost o = spec.deploy().host(name);
    if (o.targetHost() != null) {
      return o.targetHost();
    }
    if (spec.deploy().tailnet() != null && host.network().tailscale().enable()) {
      return name + "." + spec.deploy().tailnet();
    }
    return name;
  }

  /**
   * The nodes, in the spec's host order.
   *
   * @param dependsOn per host, the hosts it needs first ({@link #dependsOn})
   */
  public static List<Node> nodes(Spec spec, Map<String, Set<String>> dependsOn) {
    Deploy d = spec.deploy();
    Map<String, Host> deployable = new LinkedHashMap<>();
    spec.hosts().forEach((name, host) -> {
      if (!darwin(host) && d.host(name).enable()) {
        deployable.put(name, host);
      }
    });
    Map<String, Integer> phases = new LinkedHashMap<>();
    deployable.keySet().forEach(h -> phase(spec, h, deployable.keySet(), dependsOn, phases, new HashSet<>()));
    List<Node> out = new ArrayList<>();
    deployable.forEach((name, host) -> {
      DeployHost o = d.host(name);
      int phase = phases.get(name);
      List<String> tags = new ArrayList<>();
      tags.add("phase-" + phase);
      o.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
      String user = o.targetUser() != null ? o.targetUser() : defaultUser(spec);
      boolean build = o.buildOnTarget() != null ? o.buildOnTarget() : d.buildOnTarget();
      out.add(new Node(name, host.system(), target(spec, name, host), user, build, List.copyOf(tags), phase));
    });
    return out;
  }

  /** The phases in order, each with its nodes. */
  public static Map<Integer, List<Node>> byPhase(List<Node> nodes) {
    Map<Integer, List<Node>> out = new java.util.TreeMap<>();
    nodes.forEach(n -> out.computeIfAbsent(n.phase(), p -> new ArrayList<>()).add(n));
    return out;
  }

  /** A host's phase: its own, else one after the highest of the deployed hosts it needs first (a cycle counts once). */
  private static int phase(Spec spec, String host, Set<String> deployable, Map<String, Set<String>> dependsOn,
      Map<String, Integer> phases, Set<String> visiting) {
    Integer known = phases.get(host);
    if (known != null) {
      return known;
    }
    Integer own = spec.deploy().host(host).phase();
    if (own != null) {
      phases.put(host, own);
      return own;
    }
    visiting.add(host);
    int p = 1;
    for (String dep : dependsOn.getOrDefault(host, Set.of())) {
      if (deployable.contains(dep) && !visiting.contains(dep)) {
        p = Math.max(p, phase(spec, dep, deployable, dependsOn, phases, visiting) + 1);
      }
    }
    visiting.remove(host);
    phases.put(host, p);
    return p;
  }

  /** The engine's word, for text. */
  public static String engine(Spec spec) {
    return spec.deploy().engine() == DeployEngine.NONE ? "nixos-rebuild" : spec.deploy().engine().wire();
  }
}
