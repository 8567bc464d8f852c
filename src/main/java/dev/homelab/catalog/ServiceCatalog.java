package dev.homelab.catalog;

import dev.homelab.bind.Binder;
import dev.homelab.diag.SpecException;
import dev.homelab.load.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service kinds the compiler knows, from {@code templates/services/} in the jar.
 * Descriptors load on first use, so a run pays only for the kinds its spec names; the list
 * of kinds is {@code templates/services/index.txt}. The build parses every descriptor's
 * YAML into {@link DescriptorIndex}; a run binds the trees it reads back from there.
 */
public final class ServiceCatalog {

  private static final String ROOT = "templates/services/";

  private final List<String> kinds;
  private final Map<String, ServiceDescriptor> loaded = new java.util.concurrent.ConcurrentHashMap<>();
  /** The descriptors' trees, parsed from YAML at build time; read on the first descriptor asked for. */
  private DescriptorIndex index;

  private ServiceCatalog(List<String> kinds) {
    this.kinds = kinds;
  }

  /** The catalog that ships in the jar. */
  public static ServiceCatalog builtIn() {
    String index = read(ROOT + "index.txt");
    if (index == null) {
      throw new IllegalStateException("service catalog index missing from the jar");
    }
    List<String> kinds = index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
    return new ServiceCatalog(kinds);
  }

  /** The lab's own kinds (its catalog/ folder), which win over built-in ones of their names. */
  private Map<String, ServiceDescriptor> own = Map.of();
  private java.nio.file.Path ownFolder;

  /** This catalog with a lab's own kinds added, each replacing a built-in kind of its name. */
  public ServiceCatalog with(UserKinds.Loaded user) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(kinds);
    all.addAll(user.kinds().keySet());
    ServiceCatalog out = new ServiceCatalog(List.copyOf(all));
    out.own = Map.copyOf(user.kinds());
    out.ownFolder = user.folder();
    return out;
  }

  /** The folder of the lab's own kinds and their templates, or null when it has none. */
  public java.nio.file.Path ownFolder() {
    return ownFolder;
  }

  /** The lab's own kinds, by name. */
  public java.util.Set<String> ownKinds() {
    return own.keySet();
  }

  /** A built-in kind's files as they ship (its descriptor and template), by file name. */
  public Map<String, String> builtInFiles(String kind) {
    Map<String, String> files = new java.util.LinkedHashMap<>();
    for (String name : List.of("service.yaml", kind + ".nix.ftl")) {
      String text = read(ROOT + kind + "/" + name);
      if (text == null) {
        throw new IllegalStateException("catalog entry " + ROOT + kind + "/" + name + " is missing from the jar");
      }
      files.put(name, text);
    }
    return files;
  }

  /** Every kind, sorted. */
  public List<String> kinds() {
    return kinds;
  }

  /**
   * The descriptor of a kind, or empty when the catalog has no such kind. Safe on any thread: a
   * fleet's hosts are planned on every core, and a kind is loaded once by whichever asks first.
   */
  public Optional<ServiceDescriptor> find(String kind) {
    ServiceDescriptor d = own.get(kind);
    if (d == null) {
      d = loaded.get(kind);
    }
    if (d != null) {
      return Optional.of(d);
    }
    if (!kinds.contains(kind)) {
      return Optional.empty();
    }
    synchronized (this) {
      return Optional.of(loaded.computeIfAbsent(kind, this::load));
    }
  }

  private ServiceDescriptor load(String kind) {
    String path = ROOT + kind + "/service.yaml";
    if (index == null) {
      index = DescriptorIndex.builtIn();
    }
    Node tree = index.tree(kind);
    if (tree == null) {
      throw new IllegalStateException("catalog entry " + path + " is missing from " + DescriptorIndex.RESOURCE);
    }
    try {
      ServiceDescriptor d = Binder.bind(tree, ServiceDescriptor.class).value();
      if (!kind.equals(d.kind())) {
        throw new IllegalStateException(path + " declares kind " + d.kind());
      }
      return d;
    } catch (SpecException e) {
      throw new IllegalStateException("catalog entry " + path + " is invalid: " + e.diagnostics().sorted(), e);
    }
  }

  static String read(String resource) {
    try (InputStream in = ServiceCatalog.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
