package dev.homelab.graph;

import dev.homelab.graph.Topology.Edge;
import dev.homelab.graph.Topology.HostBox;
import dev.homelab.graph.Topology.Node;

/** A {@link Topology} as a Graphviz DOT digraph: a cluster per host. */
public final class Dot {

  private Dot() {}

  public static String render(Topology t, String name) {
    StringBuilder b = new StringBuilder("digraph ").append(quote(name)).append(" {\n");
    b.append("  rankdir=LR;\n  compound=true;\n  node [fontname=\"Helvetica\", fontsize=11];\n")
        .append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (Node n : t.outside()) {
      b.append("  ").append(node(n)).append('\n');
    }
    for (HostBox h : t.hosts()) {
      b.append("  subgraph cluster_").append(h.node().id()).append(" {\n");
      b.append("    label=").append(quote("host " + h.name())).append(";\n    style=rounded;\n    color=\"#334155\";\n");
      b.append("    ").append(node(h.node())).append('\n');
      for (Node m : h.members()) {
        b.append("    ").append(node(m)).append('\n');
      }
      b.append("  }\n");
    }
    for (Node n : t.repositories()) {
      b.append("  ").append(node(n)).append('\n');
    }
    for (Edge e : t.edges()) {
      b.append("  ").append(e.from()).append(" -> ").append(e.to()).append(" [");
      b.append(switch (e.kind()) {
        case EXPOSURE -> "color=\"#0f172a\"";
        case REPLICATION -> "style=dashed, color=\"#1d4ed8\"";
        case BACKUP -> "style=dashed, color=\"#b45309\"";
        case SYNC -> "style=dotted, dir=both, color=\"#047857\"";
      });
      if (!e.label().isEmpty()) {
        b.append(", label=").append(quote(e.label()));
      }
      b.append("];\n");
    }
    return b.append("}\n").toString();
  }

  private static String node(Node n) {
    String shape = switch (n.kind()) {
      case INTERNET, LAN, TAILNET, EXTERNAL -> "ellipse";
      case REPOSITORY -> "cylinder";
      case HOST -> "box3d";
      case PROXY, TUNNEL -> "hexagon";
      case SERVICE -> "box, style=rounded";
    };
    return n.id() + " [label=" + quote(n.label()) + ", shape=" + shape + "];";
  }

  /** A DOT string: backslashes and double quotes escaped. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
