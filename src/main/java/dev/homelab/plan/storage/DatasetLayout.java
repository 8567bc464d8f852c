package dev.homelab.plan.storage;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.Workload;
import dev.homelab.model.Dataset;
import dev.homelab.model.Host;
import dev.homelab.model.Paths;
import dev.homelab.model.Pool;
import dev.homelab.model.Spec;
import dev.homelab.model.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The datasets of one host with everything implicit made explicit: the mountpoint a
 * service's dataset takes from the module's state directory, inherited mountpoints, owners
 * and snapshot policies. A dataset that belongs only to services of switched-off tiers is
 * left out (its data is never touched).
 */
public final class DatasetLayout {

  private final Map<String, PlannedDataset> byName = new LinkedHashMap<>();
  private final Map<String, String> poolOf = new LinkedHashMap<>();

  private DatasetLayout() {}

  /** Lays out a host's datasets for its services (all of them, deployed or not). */
  public static DatasetLayout of(Spec spec, Host host, List<EffectiveService> services) {
    DatasetLayout layout = new DatasetLayout();
    Map<String, String> mounts = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    Map<String, Dataset> specs = new LinkedHashMap<>();
    for (Map.Entry<String, Pool> pool : host.storage().entrySet()) {
      for (Map.Entry<String, Dataset> d : pool.getValue().datasets().entrySet()) {
        String full = pool.getKey() + "/" + d.getKey();
        names.add(full);
        specs.put(full, d.getValue());
        layout.poolOf.put(full, pool.getKey());
      }
    }
    names.sort(Comparator.naturalOrder());
    // The services that name a dataset, by the dataset they name (in spec order), and by the
    // dataset below which every dataset is theirs too (the same, without a trailing `/`).
    Map<String, List<Integer>> naming = new HashMap<>();
    Map<String, List<Integer>> above = new HashMap<>();
    for (int i = 0; i < services.size(); i++) {
      String dataset = services.get(i).spec().dataset();
      if (dataset != null) {
        naming.computeIfAbsent(dataset, k -> new ArrayList<>(1)).add(i);
        String prefix = dataset.endsWith("/") ? dataset.substring(0, dataset.length() - 1) : dataset;
        above.computeIfAbsent(prefix, k -> new ArrayList<>(1)).add(i);
      }
    }
    // The datasets with datasets of their own below them in the spec.
    Set<String> parents = new HashSet<>();
    for (String full : names) {
      for (int slash = full.indexOf('/'); slash > 0; slash = full.indexOf('/', slash + 1)) {
        parents.add(full.substring(0, slash));
      }
    }
    for (String full : names) {
      Dataset d = specs.get(full);
      // The services whose dataset is this one or above it (Paths.isAtOrBelow), in spec order.
      List<Integer> named = naming.get(full);
      EffectiveService own = named == null ? null : services.get(named.get(0));
      List<EffectiveService> owners = owners(full, named, above, services);
      if (!owners.isEmpty() && !anyDeployed(owners)) {
        continue;
      }
      List<String> props = new ArrayList<>();
      String mountpoint;
      if (d.mountpoint() != null) {
        // As ZFS prints it (no trailing slash), so the unit never re-sets it and unmounts.
        String written = d.mountpoint().length() > 1 && d.mountpoint().endsWith("/")
            ? d.mountpoint().substring(0, d.mountpoint().length() - 1) : d.mountpoint();
        mountpoint = "none".equals(written) ? null : written;
        props.add("mountpoint=" + written);
        if (mountpoint == null) {
          // A container for children that mount elsewhere: never mounted itself.
          props.add("canmount=off");
        }
      } else if (own != null && own.descriptor().stateDir() != null) {
        mountpoint = own.descriptor().stateDir();
        props.add("mountpoint=" + mountpoint);
      } else {
        String parent = parentName(full);
        String parentMount = parent.contains("/") ? mounts.get(parent) : "/" + parent;
        mountpoint = parentMount == null ? null : parentMount + "/" + full.substring(parent.length() + 1);
      }
      mounts.put(full, mountpoint);
      if (d.quota() != null) {
        props.add("refquota=" + d.quota());
      }
      if (d.totalQuota() != null) {
        props.add("quota=" + d.totalQuota());
      }
      List<String> notes = new ArrayList<>();
      if (d.recordsize() != null) {
        props.add("recordsize=" + d.recordsize());
      } else {
        String byWorkload = workloadRecordsize(own, mountpoint, parents.contains(full), services, notes);
        if (byWorkload != null) {
          props.add("recordsize=" + byWorkload);
        }
      }
      if (d.compression() != null) {
        props.add("compression=" + d.compression());
      }
      if (d.atime() != null) {
        props.add("atime=" + (d.atime() ? "on" : "off"));
      }
      if (d.sync() != null) {
        props.add("sync=" + d.sync());
      }
      if (d.reservation() != null) {
        props.add("reservation=" + d.reservation());
      }
      if (d.xattr() != null) {
        props.add("xattr=" + d.xattr());
      }
      // A service's dataset and the datasets below it belong to the service's user, so it can
      // write into each mounted child; elsewhere the spec's owner, or leave it alone.
      EffectiveService user = null;
      for (EffectiveService s : owners) {
        if (s.descriptor().user() != null) {
          user = s;
          break;
        }
      }
      String owner = d.owner() != null ? d.owner()
          : user != null
              ? user.descriptor().user() + ":" + (user.descriptor().group() != null ? user.descriptor().group() : user.descriptor().user())
              : "-";
      String policy = d.snapshots();
      if (policy == null && own != null && own.tier() != null) {
        Tier t = spec.tiers().get(own.tier());
        policy = t == null ? null : t.snapshots();
      }
      layout.byName.put(full, new PlannedDataset(full, props, mountpoint, owner, d.mode() == null ? "-" : d.mode(),
          policy == null ? "none" : policy, notes));
    }
    return layout;
  }

  /**
   * The services whose dataset is {@code full} ({@code named}) or one above it, in spec order:
   * those {@code above} holds under each of its parents.
   */
  private static List<EffectiveService> owners(String full, List<Integer> named, Map<String, List<Integer>> above,
      List<EffectiveService> services) {
    List<Integer> at = named == null ? new ArrayList<>() : new ArrayList<>(named);
    for (int slash = full.indexOf('/'); slash > 0; slash = full.indexOf('/', slash + 1)) {
      List<Integer> up = above.get(full.substring(0, slash));
      if (up != null) {
        at.addAll(up);
      }
    }
    if (at.isEmpty()) {
      return List.of();
    }
    // Each service is listed once: under the dataset it names, or under one of its parents.
    at.sort(null);
    List<EffectiveService> out = new ArrayList<>(at.size());
    for (int i : at) {
      out.add(services.get(i));
    }
    return out;
  }

  private static boolean anyDeployed(List<EffectiveService> services) {
    for (EffectiveService s : services) {
      if (s.deployed()) {
        return true;
      }
    }
    return false;
  }

  /** Where the shared PostgreSQL cluster keeps its data (the module's default dataDir parent). */
  static final String POSTGRESQL_DIR = "/var/lib/postgresql";

  /**
   * The recordsize a dataset without one takes from what it holds: its service's catalog
   * workload, or PostgreSQL's when it is the cluster's directory on a host whose services use
   * it. A service's dataset with datasets of its own below it in the spec takes none: the spec
   * lays that data out itself, and children would inherit the default. Adds the note the
   * unit's script prints above the dataset.
   */
  private static String workloadRecordsize(EffectiveService own, String mountpoint, boolean hasChildren,
      List<EffectiveService> services, List<String> notes) {
    if (own != null) {
      Workload w = own.descriptor().workload();
      if (w.recordsize() == null || hasChildren) {
        return null;
      }
      notes.add("recordsize=" + w.recordsize() + ", the default for " + own.name() + "'s " + w.holds() + " (workload "
          + w.wire() + ").");
      return w.recordsize();
    }
    if (POSTGRESQL_DIR.equals(mountpoint) && services.stream().anyMatch(s -> s.deployed() && "postgresql".equals(s.descriptor().database()))) {
      Workload w = Workload.POSTGRESQL;
      notes.add("recordsize=" + w.recordsize() + ", the default for " + w.holds() + " (workload " + w.wire() + ").");
      return w.recordsize();
    }
    return null;
  }

  static String parentName(String full) {
    return full.substring(0, full.lastIndexOf('/'));
  }

  /** Every dataset to apply, parents before children. */
  public List<PlannedDataset> all() {
    if (all == null) {
      all = List.copyOf(byName.values());
    }
    return all;
  }

  /** {@link #all()}, made once: the layout is complete when {@link #of} returns it. */
  private List<PlannedDataset> all;

  /**
   * The datasets that mount somewhere, each with its mountpoint as a prefix of the paths below
   * it, in the layout's order: what the path questions below scan, made once.
   */
  private List<Mounted> mounted() {
    if (mounted == null) {
      List<Mounted> out = new ArrayList<>();
      for (PlannedDataset d : byName.values()) {
        if (d.mountpoint() != null) {
          out.add(new Mounted(d, d.mountpoint().endsWith("/") ? d.mountpoint() : d.mountpoint() + "/"));
        }
      }
      mounted = List.copyOf(out);
    }
    return mounted;
  }

  private List<Mounted> mounted;

  /** A mounted dataset and its mountpoint ending in {@code /}. */
  private record Mounted(PlannedDataset dataset, String below) {

    /** {@link Paths#isAtOrBelow}{@code (path, mountpoint)}. */
    boolean holds(String path) {
      return path.startsWith(below) || path.equals(dataset.mountpoint());
    }

    /** {@link Paths#isAtOrBelow}{@code (mountpoint, path)}. */
    boolean isAtOrBelow(String path) {
      String mountpoint = dataset.mountpoint();
      return mountpoint.equals(path) || mountpoint.startsWith(path)
          && (path.endsWith("/") || mountpoint.length() > path.length() && mountpoint.charAt(path.length()) == '/');
    }
  }

  /**
   * Answers of {@link #isOnDataset}, {@link #holdsMountpoint} and {@link #datasetsOf} by path:
   * every planner asks of the same paths. Safe to share: a host's layout is also read while
   * other hosts are planned (the hosts that replicate to it), possibly on other threads.
   */
  private final Map<String, Boolean> onDataset = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Boolean> holdsMountpoint = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<String>> datasetsOf = new java.util.concurrent.ConcurrentHashMap<>();

  public Optional<PlannedDataset> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The pools that hold at least one applied dataset. */
  public List<String> pools() {
    return byName.keySet().stream().map(poolOf::get).distinct().toList();
  }

  /** Where a service keeps its data: its dataset's mountpoint, else the module's state directory. */
  public String dataDir(EffectiveService s) {
    if (s.spec().dataset() != null) {
      PlannedDataset d = byName.get(s.spec().dataset());
      if (d != null && d.mountpoint() != null) {
        return d.mountpoint();
      }
    }
    return s.descriptor().stateDir();
  }

  /** True when the host applies a dataset of this name that mounts nowhere (mountpoint none, or below one). */
  public boolean unmounted(String dataset) {
    PlannedDataset d = byName.get(dataset);
    return d != null && d.mountpoint() == null;
  }

  /** True when the path lies on a dataset this host applies. */
  public boolean isOnDataset(String path) {
    return onDataset.computeIfAbsent(path, p -> anyMounted(m -> m.holds(p)));
  }

  /** True when a dataset of the layout that mounts somewhere passes the test. */
  private boolean anyMounted(java.util.function.Predicate<Mounted> test) {
    for (Mounted m : mounted()) {
      if (test.test(m)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The datasets a path depends on: the one it lies on (the deepest mountpoint at or above it),
   * else those mounted below it; in the layout's order.
   */
  public List<String> datasetsOf(String path) {
    return datasetsOf.computeIfAbsent(path, this::findDatasetsOf);
  }

  private List<String> findDatasetsOf(String path) {
    // The deepest mountpoint at or above it; the first of equally deep ones.
    PlannedDataset on = null;
    for (Mounted m : mounted()) {
      if (m.holds(path) && (on == null || m.dataset().mountpoint().length() > on.mountpoint().length())) {
        on = m.dataset();
      }
    }
    if (on != null) {
      return List.of(on.name());
    }
    List<String> below = new ArrayList<>();
    for (Mounted m : mounted()) {
      if (m.isAtOrBelow(path)) {
        below.add(m.dataset().name());
      }
    }
    return List.copyOf(below);
  }

  /** True when a dataset this host applies mounts at the path or below it. */
  public boolean holdsMountpoint(String path) {
    return holdsMountpoint.computeIfAbsent(path, p -> anyMounted(m -> m.isAtOrBelow(p)));
  }

  /**
   * True when what a service finds at the path depends on the datasets being mounted: the path
   * lies on a dataset, or a dataset mounts below it.
   */
  public boolean touchesDataset(String path) {
    return isOnDataset(path) || holdsMountpoint(path);
  }

  /** Where a host's media library is when it has no dataset named {@code media}. */
  public static final String DEFAULT_MEDIA_DIR = "/data/media";

  /**
   * The host's media library (the fact {@code mediaDir}): the mountpoint of its dataset named
   * {@code media} (the last part of the name: {@code tank/media}, {@code datapool/data/media}),
   * the shallowest such when there are several, else {@value #DEFAULT_MEDIA_DIR}.
   */
  public String mediaDir() {
    if (mediaDir == null) {
      mediaDir = findMediaDir();
    }
    return mediaDir;
  }

  /** The media library, found once: every service's facts name it. */
  private String mediaDir;

  private String findMediaDir() {
    return byName.values().stream()
        .filter(d -> d.mountpoint() != null && d.name().substring(d.name().lastIndexOf('/') + 1).equals("media"))
        .min(Comparator.comparingInt((PlannedDataset d) -> d.name().split("/").length).thenComparing(PlannedDataset::name))
        .map(PlannedDataset::mountpoint)
        .orElse(DEFAULT_MEDIA_DIR);
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }
}
