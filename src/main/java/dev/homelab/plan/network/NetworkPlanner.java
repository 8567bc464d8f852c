package dev.homelab.plan.network;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.model.Network;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Plans {@code network.nix}: Tailscale, nftables and the firewall. Ports open per interface
 * only as the exposure asks: SSH where its exposure names, the proxy's 443 on an interface
 * when some proxied service is exposed there. No interface is trusted wholesale.
 */
public final class NetworkPlanner {

  static final String TAILSCALE_INTERFACE = "tailscale0";

  private NetworkPlanner() {}

  /** Open UDP ports per interface, from the services' own `openPorts`. */
  static Map<String, TreeSet<Integer>> openUdpPorts(HostContext ctx) {
    Map<String, TreeSet<Integer>> open = new LinkedHashMap<>();
    for (Exposure e : List.of(Exposure.LAN, Exposure.TAILSCALE)) {
      for (String iface : interfaces(ctx, e)) {
        TreeSet<Integer> ports = open.computeIfAbsent(iface, k -> new TreeSet<>());
        for (EffectiveService s : ctx.services) {
          if (s.expose().contains(e)) {
            ports.addAll(own(s, "udp"));
          }
        }
      }
    }
    open.values().removeIf(TreeSet::isEmpty);
    return open;
  }

  private static List<Integer> own(EffectiveService s, String protocol) {
    return s.descriptor().openPorts().stream().filter(p -> p.endsWith("/" + protocol))
        .map(p -> Integer.valueOf(p.substring(0, p.indexOf('/')))).toList();
  }

  /** Open TCP ports per interface; the key "" means every interface. */
  static Map<String, TreeSet<Integer>> openPorts(HostContext ctx, boolean proxyPublic) {
    Network net = ctx.host.network();
    Map<String, TreeSet<Integer>> open = new LinkedHashMap<>();
    for (Exposure e : List.of(Exposure.LAN, Exposure.TAILSCALE)) {
      for (String iface : interfaces(ctx, e)) {
        TreeSet<Integer> ports = open.computeIfAbsent(iface, k -> new TreeSet<>());
        if (net.ssh().expose().contains(e)) {
          ports.add(net.ssh().port());
        }
        for (EffectiveService s : ctx.services) {
          if (s.expose().contains(e)) {
            ports.addAll(tcpPorts(s));
          }
        }
      }
    }
    if (proxyPublic) {
      TreeSet<Integer> all = open.computeIfAbsent("", k -> new TreeSet<>());
      all.add(80);
      all.add(443);
    }
    open.values().removeIf(TreeSet::isEmpty);
    return open;
  }

  /**
   * The TCP ports the firewall opens for a service where it is exposed: the proxy's 443 for a
   * web service, else its own port; then the ports of its own its kind names ({@code openPorts}).
   */
  public static List<Integer> tcpPorts(EffectiveService s) {
    List<Integer> out = new java.util.ArrayList<>();
    out.add(s.descriptor().isHttp() ? 443 : s.port());
    out.addAll(own(s, "tcp"));
    return out;
  }

  /** The UDP ports the firewall opens for a service where it is exposed ({@code openPorts}). */
  public static List<Integer> udpPorts(EffectiveService s) {
    return own(s, "udp");
  }

  static List<String> interfaces(HostContext ctx, Exposure e) {
    return interfaces(ctx.host, e);
  }

  /** The interfaces an exposure opens ports on: the LAN's, or {@code tailscale0}; none for {@code public}. */
  public static List<String> interfaces(dev.homelab.model.Host host, Exposure e) {
    Network net = host.network();
    if (e == Exposure.LAN) {
      return net.lan().interfaces();
    }
    if (e == Exposure.TAILSCALE && net.tailscale().enable()) {
      return List.of(TAILSCALE_INTERFACE);
    }
    return List.of();
  }

  public static PlannedFile plan(HostContext ctx, boolean proxyPublic) {
    Bindings b = new Bindings();
    if (ctx.host.network().tailscale().enable()) {
      b.bool("services.tailscale.enable", true);
    }
    if (ctx.host.network().ssh().port() != 22) {
      b.set("services.openssh.ports", NixValue.list(List.of(NixValue.integer(ctx.host.network().ssh().port()))));
    }
    b.comment("nftables, so tailscaled's own accept rules cannot open the tailnet past these lists.")
        .bool("networking.nftables.enable", true);
    Map<String, TreeSet<Integer>> open = openPorts(ctx, proxyPublic);
    Bindings fw = new Bindings();
    fw.bool("enable", true);
    var settings = ctx.host.network().firewall();
    if (settings.allowPing() != null) {
      fw.bool("allowPing", settings.allowPing());
    }
    if (settings.logRefused() != null) {
      fw.bool("logRefusedConnections", settings.logRefused());
    }
    if (open.containsKey("")) {
      fw.comment("Exposure `public` without a tunnel: the proxy answers on 443 (and 80 for ACME) everywhere.")
          .set("allowedTCPPorts", ports(open.get("")));
    }
    Map<String, TreeSet<Integer>> udp = openUdpPorts(ctx);
    Bindings ifaces = new Bindings();
    java.util.Set<String> names = new java.util.LinkedHashSet<>(open.keySet());
    names.addAll(udp.keySet());
    for (String iface : names) {
      if (iface.isEmpty()) {
        continue;
      }
      boolean tcp = open.containsKey(iface);
      if (tcp && !udp.containsKey(iface)) {
        ifaces.set(List.of(iface, "allowedTCPPorts"), ports(open.get(iface)));
      } else {
        Bindings both = new Bindings();
        if (tcp) {
          both.set("allowedTCPPorts", ports(open.get(iface)));
        }
        both.set("allowedUDPPorts", ports(udp.get(iface)));
        ifaces.set(List.of(iface), both.attrs());
      }
    }
    if (!ifaces.isEmpty()) {
      fw.set("interfaces", ifaces.attrs());
    }
    b.comment(List.of(
        "SSH and the proxy's 443 only on the interfaces the exposure names (`lan`: the LAN",
        "interfaces, `tailscale`: the tailnet); nothing else is open. The proxy checks each",
        "virtual host's allowed sources itself."))
        .set("networking.firewall", fw.attrs());
    return ctx.module("network.nix", "hosts/module.nix.ftl",
        Headers.wrap("Network: who can reach this host, and on which ports."), b.build());
  }

  private static NixValue ports(TreeSet<Integer> ports) {
    List<NixValue> items = new ArrayList<>();
    ports.forEach(p -> items.add(NixValue.integer(p)));
    return NixValue.list(items);
  }
}
