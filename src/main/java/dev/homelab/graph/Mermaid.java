package dev.homelab.graph;

import dev.homelab.graph.Topology.Edge;
import dev.homelab.graph.Topology.HostBox;
import dev.homelab.graph.Topology.Node;

/** A {@link Topology} as a Mermaid flowchart: a subgraph per host. */
public final class Mermaid {

  private Mermaid() {}

  public static String render(Topology t) {
    StringBuilder b = new StringBuilder("flowchart LR\n");
    for (Node n : t.outside()) {
      b.append("  ").append(node(n)).append('\n');
    }
    for (HostBox h : t.hosts()) {
      b.append("  subgraph ").append(h.node().id()).append("g[").append(quote("host " + h.name())).append("]\n");
      b.append("    ").append(node(h.node())).append('\n');
      for (Node m : h.members()) {
        b.append("    ").append(node(m)).append('\n');
      }
      b.append("  end\n");
    }
    for (Node n : t.repositories()) {
      b.append("  ").append(node(n)).append('\n');
    }
    for (Edge e : t.edges()) {
      String arrow = switch (e.kind()) {
        case EXPOSURE -> "-->";
        case REPLICATION, BACKUP -> "-.->";
        case SYNC -> "<-.->";
      };
      b.append("  ").append(e.from()).append(' ').append(arrow);
      if (!e.label().isEmpty()) {
        b.append('|').append(quote(e.label())).append('|');
      }
      b.append(' ').append(e.to()).append('\n');
    }
    for (Topology.Kind k : Topology.Kind.values()) {
      b.append("  classDef ").append(k.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(style(k)).append('\n');
    }
    for (Node n : t.nodes()) {
      b.append("  class ").append(n.id()).append(' ').append(n.kind().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
    }
    return b.toString();
  }

  private static String node(Node n) {
    String label = quote(n.label());
    return n.id() + switch (n.kind()) {
      case INTERNET, LAN, TAILNET, EXTERNAL -> "((" + label + "))";
      case REPOSITORY -> "[(" + label + ")]";
      case HOST -> "[/" + label + "/]";
      case PROXY, TUNNEL -> "{{" + label + "}}";
      case SERVICE -> "(" + label + ")";
    };
  }

  private static String style(Topology.Kind k) {
    return switch (k) {
      case INTERNET -> "fill:#fde2e2,stroke:#b42318";
      case LAN -> "fill:#e0f2fe,stroke:#0369a1";
      case TAILNET -> "fill:#ede9fe,stroke:#6d28d9";
      case HOST -> "fill:#f1f5f9,stroke:#334155";
      case PROXY, TUNNEL -> "fill:#fef9c3,stroke:#a16207";
      case SERVICE -> "fill:#ecfdf5,stroke:#047857";
      case REPOSITORY, EXTERNAL -> "fill:#f5f5f4,stroke:#57534e";
    };
  }

  /** A Mermaid string: double quotes, a double quote inside as its entity. */
  static String quote(String s) {
    return "\"" + s.replace("\"", "#quot;") + "\"";
  }
}
