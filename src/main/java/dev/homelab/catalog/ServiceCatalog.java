package dev.homelab.catalog;

import dev.homelab.bind.Binder;
import dev.homelab.diag.SpecException;
import dev.homelab.load.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service kinds the compiler knows, read from {@code templates/services/} in the jar.
 * Descriptors load on first use, so a run pays only for the kinds its spec names; the list
 * of kinds is {@code templates/services/index.txt}.
 */
public final class ServiceCatalog {

  private static final String ROOT = "templates/services/";

  private final List<String> kinds;
  private final Map<String, ServiceDescriptor> loaded = new HashMap<>();

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

  /** Every kind, sorted. */
  public List<String> kinds() {
    return kinds;
  }

  /** The descriptor of a kind, or empty when the catalog has no such kind. */
  public synchronized Optional<ServiceDescriptor> find(String kind) {
    if (!kinds.contains(kind)) {
      return Optional.empty();
    }
    return Optional.of(loaded.computeIfAbsent(kind, ServiceCatalog::load));
  }

  private static ServiceDescriptor load(String kind) {
    String path = ROOT + kind + "/service.yaml";
    String text = read(path);
    if (text == null) {
      throw new IllegalStateException("catalog entry " + path + " is missing");
    }
    try {
      ServiceDescriptor d = Binder.bind(new SpecLoader().loadText(path, text), ServiceDescriptor.class).value();
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
