package dev.homelab.plan.service;

import dev.homelab.catalog.EffectiveService;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code peer.<kind>...} facts of one host, made once: each service's entries about itself
 * as others see it ({@code peer.<kind>}, {@code .port}, {@code .url}, {@code .extraPorts.<name>},
 * {@code .settings.<name>}). A service sees, for each kind, the first <em>other</em> service
 * of that kind in the host's order: the first of the kind for every service but that first
 * one itself, which sees the second (or none). {@link #of} puts that in front of the
 * service's own facts as a read-only view, so no service holds a copy of its neighbours'
 * facts (a host of 25 services would otherwise make 25 copies of 150 entries).
 */
public final class PeerFacts {

  private static final String PREFIX = "peer.";

  /** The entries of the first service of each kind, in the host's order. */
  private final Map<String, Object> firsts = new LinkedHashMap<>();
  /** For the first service of a kind, the entries of the second of that kind. */
  private final Map<EffectiveService, Map<String, Object>> seconds = new java.util.IdentityHashMap<>();
  private final Map<String, EffectiveService> firstOfKind = new HashMap<>();

  PeerFacts(List<EffectiveService> services, Function<EffectiveService, Map<String, Object>> entries) {
    for (EffectiveService p : services) {
      EffectiveService first = firstOfKind.putIfAbsent(p.kind(), p);
      if (first == null) {
        firsts.putAll(entries.apply(p));
      } else if (!seconds.containsKey(first)) {
        seconds.put(first, entries.apply(p));
      }
    }
  }

  /** The facts {@code s} sees: its own, then its peers' (its own never name a peer). */
  Map<String, Object> of(EffectiveService s, Map<String, Object> own) {
    boolean first = firstOfKind.get(s.kind()) == s;
    return new View(own, s.kind(), first ? seconds.getOrDefault(s, Map.of()) : null, firsts);
  }

  /** The kind a {@code peer.} fact is about; null for any other name. */
  private static String kindOf(Object key) {
    if (!(key instanceof String name) || !name.startsWith(PREFIX)) {
      return null;
    }
    int dot = name.indexOf('.', PREFIX.length());
    return dot < 0 ? name.substring(PREFIX.length()) : name.substring(PREFIX.length(), dot);
  }

  /** A service's facts: its own, its kind's other service, and the first of every other kind. */
  private static final class View extends AbstractMap<String, Object> {

    private final Map<String, Object> own;
    private final String kind;
    /** Null when the service is not the first of its kind (it sees that first one, in {@code firsts}). */
    private final Map<String, Object> sameKind;
    private final Map<String, Object> firsts;
    private Set<Entry<String, Object>> entries;

    View(Map<String, Object> own, String kind, Map<String, Object> sameKind, Map<String, Object> firsts) {
      this.own = own;
      this.kind = kind;
      this.sameKind = sameKind;
      this.firsts = firsts;
    }

    /** Where a name is found: the service's own facts, or the peers' it sees. */
    private Map<String, Object> source(Object key) {
      String peer = kindOf(key);
      if (peer == null) {
        return own;
      }
      return sameKind != null && peer.equals(kind) ? sameKind : firsts;
    }

    @Override
    public Object get(Object key) {
      return source(key).get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return source(key).containsKey(key);
    }

    /** Every fact, own first, then the peers' in the host's order (rarely asked: made when it is). */
    @Override
    public Set<Entry<String, Object>> entrySet() {
      if (entries == null) {
        Map<String, Object> all = new LinkedHashMap<>(own);
        if (sameKind == null) {
          all.putAll(firsts);
        } else {
          firsts.forEach((k, v) -> {
            if (!kind.equals(kindOf(k))) {
              all.put(k, v);
            }
          });
          all.putAll(sameKind);
        }
        entries = java.util.Collections.unmodifiableMap(all).entrySet();
      }
      return entries;
    }
  }
}
