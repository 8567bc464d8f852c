package dev.homelab.report;

import dev.homelab.graph.Topology;
import dev.homelab.graph.Topology.Edge;
import dev.homelab.graph.Topology.HostBox;
import dev.homelab.graph.Topology.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Topology} drawn as SVG by a layered layout of its own, no external tool: the ways
 * in (internet, LAN, tailnet, other machines) in the top row; the hosts side by side in the
 * middle, each a box holding its proxy, tunnel and services one under another; the backup
 * repositories in the bottom row. Edges are curves from the bottom of one node to the top of
 * the next (or between host boxes for replication and Syncthing). Integer coordinates only,
 * so the same topology gives the same bytes.
 */
public final class SvgLayout {

  static final int NODE_W = 190;
  static final int NODE_H = 26;
  static final int GAP = 8;
  static final int PAD = 12;
  static final int HOST_HEAD = 34;
  static final int HOST_GAP = 40;
  static final int ROW_GAP = 70;
  static final int MARGIN = 20;

  private SvgLayout() {}

  /** Where a node is drawn: its box. */
  record Box(int x, int y, int w, int h) {
    int cx() {
      return x + w / 2;
    }
  }

  public static String render(Topology t) {
    Map<String, Box> at = new HashMap<>();
    Map<String, Box> hostBoxes = new HashMap<>();
    int hostW = NODE_W + 2 * PAD;
    int hostsWidth = Math.max(1, t.hosts().size()) * (hostW + HOST_GAP) - HOST_GAP;
    int topY = MARGIN;
    int hostY = topY + NODE_H + ROW_GAP;
    int maxHostH = 0;
    int x = MARGIN + 40;
    for (HostBox h : t.hosts()) {
      int hh = HOST_HEAD + h.members().size() * (NODE_H + GAP) + PAD - GAP + (h.members().isEmpty() ? GAP : 0);
      Box box = new Box(x, hostY, hostW, hh);
      hostBoxes.put(h.node().id(), box);
      at.put(h.node().id(), box);
      int y = hostY + HOST_HEAD;
      for (Node m : h.members()) {
        at.put(m.id(), new Box(x + PAD, y, NODE_W, NODE_H));
        y += NODE_H + GAP;
      }
      maxHostH = Math.max(maxHostH, hh);
      x += hostW + HOST_GAP;
    }
    int width = Math.max(hostsWidth + 40, Math.max(row(t.outside().size()), row(t.repositories().size()))) + 2 * MARGIN;
    place(t.outside(), topY, width, at);
    int bottomY = hostY + maxHostH + ROW_GAP;
    place(t.repositories(), bottomY, width, at);
    int height = (t.repositories().isEmpty() ? hostY + maxHostH : bottomY + NODE_H) + MARGIN + 20;

    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"topology\" role=\"img\" aria-label=\"topology\" viewBox=\"0 0 ")
        .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\">\n");
    b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
        + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/></marker></defs>\n");
    for (HostBox h : t.hosts()) {
      Box box = hostBoxes.get(h.node().id());
      b.append("<g class=\"host\" data-host=\"").append(esc(h.name())).append("\">");
      b.append("<rect x=\"").append(box.x()).append("\" y=\"").append(box.y()).append("\" width=\"").append(box.w())
          .append("\" height=\"").append(box.h()).append("\" rx=\"8\"/>");
      b.append("<text class=\"host-name\" x=\"").append(box.x() + PAD).append("\" y=\"").append(box.y() + 22).append("\">")
          .append(esc(h.name())).append("</text></g>\n");
    }
    for (Edge e : t.edges()) {
      Box from = at.get(e.from());
      Box to = at.get(e.to());
      if (from == null || to == null) {
        continue;
      }
      b.append("<path class=\"edge ").append(e.kind().name().toLowerCase(java.util.Locale.ROOT)).append("\" d=\"")
          .append(path(from, to)).append("\" marker-end=\"url(#arrow)\"")
          .append(e.kind() == Topology.EdgeKind.SYNC ? " marker-start=\"url(#arrow)\"" : "").append(">");
      b.append("<title>").append(esc(e.label().isEmpty() ? e.kind().name().toLowerCase(java.util.Locale.ROOT) : e.label()))
          .append("</title></path>\n");
    }
    for (Node n : t.nodes()) {
      if (n.kind() == Topology.Kind.HOST) {
        continue;
      }
      Box box = at.get(n.id());
      String kind = n.kind().name().toLowerCase(java.util.Locale.ROOT);
      b.append("<g class=\"node ").append(kind).append("\" data-node=\"").append(esc(n.label())).append("\">");
      b.append("<rect x=\"").append(box.x()).append("\" y=\"").append(box.y()).append("\" width=\"").append(box.w())
          .append("\" height=\"").append(box.h()).append("\" rx=\"").append(n.kind() == Topology.Kind.SERVICE ? 5 : 13)
          .append("\"/>");
      b.append("<text x=\"").append(box.cx()).append("\" y=\"").append(box.y() + 17).append("\">")
          .append(esc(n.label())).append("</text></g>\n");
    }
    return b.append("</svg>\n").toString();
  }

  private static int row(int n) {
    return n * (NODE_W + HOST_GAP) - HOST_GAP;
  }

  /** A row of nodes centred across the width. */
  private static void place(List<Node> nodes, int y, int width, Map<String, Box> at) {
    int x = (width - row(nodes.size())) / 2;
    for (Node n : nodes) {
      at.put(n.id(), new Box(x, y, NODE_W, NODE_H));
      x += NODE_W + HOST_GAP;
    }
  }

  /** A cubic curve from one box to the other: bottom to top going down, side to side across a row. */
  private static String path(Box a, Box b) {
    int x1;
    int y1;
    int x2;
    int y2;
    if (a.x() == b.x() && a.w() == b.w()) {
      // One host box: from the left side to the left side, bowing out further the further apart.
      x1 = a.x();
      y1 = a.y() + a.h() / 2;
      y2 = b.y() + b.h() / 2;
      int bow = a.x() - 6 - Math.min(40, Math.abs(y2 - y1) / 12);
      return "M" + x1 + "," + y1 + " C" + bow + "," + y1 + " " + bow + "," + y2 + " " + x1 + "," + y2;
    }
    if (a.y() + a.h() <= b.y()) {
      x1 = a.cx();
      y1 = a.y() + a.h();
      x2 = b.cx();
      y2 = b.y();
    } else if (b.y() + b.h() <= a.y()) {
      x1 = a.cx();
      y1 = a.y();
      x2 = b.cx();
      y2 = b.y() + b.h();
    } else if (a.x() + a.w() <= b.x()) {
      x1 = a.x() + a.w();
      y1 = a.y() + Math.min(a.h(), b.h()) / 2;
      x2 = b.x();
      y2 = b.y() + Math.min(a.h(), b.h()) / 2;
    } else if (b.x() + b.w() <= a.x()) {
      x1 = a.x();
      y1 = a.y() + Math.min(a.h(), b.h()) / 2;
      x2 = b.x() + b.w();
      y2 = b.y() + Math.min(a.h(), b.h()) / 2;
    } else {
      x1 = a.cx();
      y1 = a.y();
      x2 = b.cx();
      y2 = b.y();
    }
    boolean vertical = x1 == x2 || Math.abs(y2 - y1) > Math.abs(x2 - x1) / 4;
    if (vertical && y1 != y2) {
      int my = (y1 + y2) / 2;
      return "M" + x1 + "," + y1 + " C" + x1 + "," + my + " " + x2 + "," + my + " " + x2 + "," + y2;
    }
    int mx = (x1 + x2) / 2;
    int lift = Math.min(80, Math.abs(x2 - x1) / 6);
    return "M" + x1 + "," + y1 + " C" + mx + "," + (y1 - lift) + " " + mx + "," + (y2 - lift) + " " + x2 + "," + y2;
  }

  /** Text for XML content and attributes. */
  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
