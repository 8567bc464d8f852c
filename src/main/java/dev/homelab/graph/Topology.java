package dev.homelab.graph;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Exposure;
import dev.homelab.model.Host;
import dev.homelab.model.Repository;
import dev.homelab.model.Spec;
import dev.homelab.model.SyncFolder;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.backup.BackupPlanner;
import dev.homelab.plan.storage.DatasetLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A lab as a graph: the hosts, each holding its deployed services (and its proxy and tunnel
 * when it has them); the ways in (the internet, the LAN, the tailnet); the backup
 * repositories; and the edges between them: exposure paths (internet, tunnel, proxy,
 * service), Syncoid replication, backup jobs and Syncthing folders. Node ids are positional
 * ({@code h0}, {@code h0s1}, {@code r0}), so any name is safe in any output format, and the
 * order is the spec's: the same spec gives the same graph.
 */
public record Topology(List<Node> outside, List<HostBox> hosts, List<Node> repositories, List<Edge> edges) {

  /** What a node stands for. */
  public enum Kind { INTERNET, LAN, TAILNET, HOST, PROXY, TUNNEL, SERVICE, REPOSITORY, EXTERNAL }

  /** What an edge stands for. */
  public enum EdgeKind { EXPOSURE, REPLICATION, BACKUP, SYNC }

  /** One node: its id, what it shows, what it is. */
  public record Node(String id, String label, Kind kind) {}

  /** One host: its own node (named like the host), then its proxy, tunnel and services. */
  public record HostBox(String name, Node node, List<Node> members) {

    /** The host's services only. */
    public List<Node> services() {
      return members.stream().filter(n -> n.kind() == Kind.SERVICE).toList();
    }
  }

  /** One edge, directed; {@code label} may be empty. */
  public record Edge(String from, String to, EdgeKind kind, String label) {}

  public static final Node INTERNET = new Node("internet", "internet", Kind.INTERNET);
  public static final Node LAN = new Node("lan", "LAN", Kind.LAN);
  public static final Node TAILNET = new Node("tailnet", "tailnet", Kind.TAILNET);

  /** Every node, outside ones, hosts with their members, and repositories. */
  public List<Node> nodes() {
    List<Node> out = new ArrayList<>(outside);
    for (HostBox h : hosts) {
      out.add(h.node());
      out.addAll(h.members());
    }
    out.addAll(repositories);
    return out;
  }

  /** The graph of a checked spec. */
  public static Topology of(Spec spec, ServiceCatalog catalog) {
    Map<String, String> hostIds = new LinkedHashMap<>();
    int i = 0;
    for (String name : spec.hosts().keySet()) {
      hostIds.put(name, "h" + i++);
    }
    Map<String, Node> repos = new LinkedHashMap<>();
    int r = 0;
    for (Map.Entry<String, Repository> e : spec.backups().repositories().entrySet()) {
      repos.put(e.getKey(), new Node("r" + r++, repositoryLabel(spec, e.getKey(), e.getValue()), Kind.REPOSITORY));
    }
    Set<Edge> edges = new LinkedHashSet<>();
    Set<Kind> waysIn = new TreeSet<>();
    List<HostBox> boxes = new ArrayList<>();
    Map<String, Node> external = new LinkedHashMap<>();
    for (Map.Entry<String, Host> e : spec.hosts().entrySet()) {
      String name = e.getKey();
      Host host = e.getValue();
      String hid = hostIds.get(name);
      List<EffectiveService> all = Effective.services(spec, name, host, catalog);
      List<EffectiveService> deployed = all.stream().filter(EffectiveService::deployed).toList();
      List<Node> members = new ArrayList<>();
      boolean proxied = deployed.stream().anyMatch(EffectiveService::isProxied);
      boolean tunnel = host.network().tunnel() != null;
      Node proxy = new Node(hid + "p", host.network().proxy().kind() + " (proxy)", Kind.PROXY);
      Node tun = new Node(hid + "t", "cloudflared (tunnel)", Kind.TUNNEL);
      if (proxied) {
        members.add(proxy);
      }
      boolean tunnelUsed = tunnel && deployed.stream().anyMatch(s -> s.isProxied() && s.expose().contains(Exposure.PUBLIC));
      if (tunnelUsed) {
        members.add(tun);
        edges.add(new Edge(INTERNET.id(), tun.id(), EdgeKind.EXPOSURE, ""));
        edges.add(new Edge(tun.id(), proxy.id(), EdgeKind.EXPOSURE, ""));
        waysIn.add(Kind.INTERNET);
      }
      int j = 0;
      for (EffectiveService s : deployed) {
        Node svc = new Node(hid + "s" + j++, s.name() + " :" + s.port(), Kind.SERVICE);
        members.add(svc);
        if (s.isProxied()) {
          for (Exposure x : s.expose()) {
            if (x == Exposure.PUBLIC && !tunnel) {
              edges.add(new Edge(INTERNET.id(), proxy.id(), EdgeKind.EXPOSURE, "443"));
            } else if (x != Exposure.PUBLIC) {
              edges.add(new Edge(way(x).id(), proxy.id(), EdgeKind.EXPOSURE, ""));
            }
            waysIn.add(way(x).kind());
          }
          edges.add(new Edge(proxy.id(), svc.id(), EdgeKind.EXPOSURE, String.join(", ", words(s))));
        } else {
          for (Exposure x : s.expose()) {
            edges.add(new Edge(way(x).id(), svc.id(), EdgeKind.EXPOSURE, s.descriptor().protocol() + " " + s.port()));
            waysIn.add(way(x).kind());
          }
        }
      }
      boxes.add(new HostBox(name, new Node(hid, name, Kind.HOST), List.copyOf(members)));
      if (host.replication() != null) {
        String to = hostIds.get(host.replication().to());
        if (to == null) {
          Node ext = external.computeIfAbsent(host.replication().to(),
              k -> new Node("x" + external.size(), k, Kind.EXTERNAL));
          to = ext.id();
        }
        edges.add(new Edge(hid, to, EdgeKind.REPLICATION, "syncoid: " + String.join(", ", host.replication().datasets())));
      }
      if (!host.isDarwin()) {
        HostContext ctx = new HostContext(spec, name, host, deployed, DatasetLayout.of(spec, host, all), new dev.homelab.plan.Headers(List.of()));
        for (Map.Entry<String, BackupJob> j2 : spec.backups().jobs().entrySet()) {
          BackupJob job = j2.getValue();
          if (!BackupPlanner.runsOn(ctx, j2.getKey(), job)) {
            continue;
          }
          for (String repo : job.to()) {
            Node target = repos.get(repo);
            if (target != null) {
              edges.add(new Edge(hid, target.id(), EdgeKind.BACKUP, j2.getKey() + " (" + when(job) + ")"));
            }
          }
        }
      }
    }
    // A repository on a host of the lab (SFTP to it, or a path on the one host that backs up to it).
    spec.backups().repositories().forEach((name, repo) -> {
      String on = repo.sftp() == null ? null : repo.sftp().specHost(spec);
      if (on != null && hostIds.containsKey(on)) {
        edges.add(new Edge(repos.get(name).id(), hostIds.get(on), EdgeKind.BACKUP, "stored on"));
      }
    });
    // Syncthing: one edge per pair of hosts sharing folders, named by the folders.
    Map<String, Set<String>> pairs = new TreeMap<>();
    spec.sync().syncthing().folders().forEach((id, folder) -> {
      List<String> on = sharing(folder, hostIds);
      for (int a = 0; a < on.size(); a++) {
        for (int b = a + 1; b < on.size(); b++) {
          pairs.computeIfAbsent(on.get(a) + " " + on.get(b), k -> new TreeSet<>()).add(id);
        }
      }
    });
    pairs.forEach((pair, folders) -> {
      String[] ab = pair.split(" ");
      edges.add(new Edge(ab[0], ab[1], EdgeKind.SYNC, "syncthing: " + String.join(", ", folders)));
    });
    List<Node> outside = new ArrayList<>();
    for (Node n : List.of(INTERNET, LAN, TAILNET)) {
      if (waysIn.contains(n.kind())) {
        outside.add(n);
      }
    }
    outside.addAll(external.values());
    return new Topology(List.copyOf(outside), List.copyOf(boxes), List.copyOf(repos.values()), List.copyOf(edges));
  }

  /** The hosts of the lab sharing a folder, by id, in the spec's host order. */
  private static List<String> sharing(SyncFolder folder, Map<String, String> hostIds) {
    List<String> out = new ArrayList<>();
    hostIds.forEach((name, id) -> {
      if (folder.allHosts().contains(name)) {
        out.add(id);
      }
    });
    return out;
  }

  private static Node way(Exposure x) {
    return switch (x) {
      case LAN -> LAN;
      case TAILSCALE -> TAILNET;
      case PUBLIC -> INTERNET;
    };
  }

  private static List<String> words(EffectiveService s) {
    return s.expose().stream().map(x -> x == Exposure.TAILSCALE ? "tailnet" : x.wire()).toList();
  }

  /** When a job runs: its {@code at}, else its {@code schedule}, else daily. */
  public static String when(BackupJob job) {
    return job.at() != null ? job.at() : job.schedule() != null ? job.schedule() : "daily";
  }

  private static String repositoryLabel(Spec spec, String name, Repository repo) {
    String where;
    if (repo.sftp() != null) {
      where = "sftp " + repo.sftp().host();
    } else if (repo.s3() != null) {
      where = "s3";
    } else if (repo.b2() != null) {
      where = "b2";
    } else if (repo.path() != null) {
      where = repo.path();
    } else {
      where = repo.url() == null ? "" : repo.url();
    }
    return repo.kind() + " " + name + (where.isEmpty() ? "" : " (" + where + ")");
  }
}
