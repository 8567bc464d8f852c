package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Host;
import dev.homelab.nix.NixData;
import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * HL0384: a firewall port opened through {@code nixos:} ({@code networking.firewall.allowedTCPPorts},
 * {@code allowedUDPPorts}, or the same per interface) that no service of the host needs: not a
 * service's port, extra port or own open port, not the SSH port, and not 80 or 443 while the
 * proxy serves something. The spec's firewall has no field for extra ports; the exposure
 * opens what the services need.
 */
public final class UnneededOpenPort implements Rule {

  @Override
  public String id() {
    return "HL0384";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      Set<Integer> needed = needed(ctx, hostName, host);
      String hostPath = SourceMap.path("hosts", hostName);
      check(ctx, hostName, needed, SourceMap.child(hostPath, "nixos"), host.nixos());
      host.services().forEach((name, s) -> check(ctx, hostName, needed, SourceMap.path(hostPath, "services", name, "nixos"), s.nixos()));
    });
  }

  private static Set<Integer> needed(RuleContext ctx, String hostName, Host host) {
    Set<Integer> out = new TreeSet<>();
    out.add(host.network().ssh().port());
    for (EffectiveService s : ctx.services(hostName, host)) {
      out.add(s.port());
      out.addAll(s.descriptor().extraPorts().values());
      for (String p : s.descriptor().openPorts()) {
        out.add(Integer.parseInt(p.substring(0, p.indexOf('/'))));
      }
      if (s.isProxied()) {
        out.add(80);
        out.add(443);
      }
    }
    return out;
  }

  private static void check(RuleContext ctx, String hostName, Set<Integer> needed, String at, Map<String, Object> options) {
    for (Map.Entry<String, Object> e : options.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      for (OptionLeaf leaf : OptionLeaf.flatten(NixData.bindings(Map.of(e.getKey(), e.getValue())))) {
        if (!opensPorts(leaf.path()) || !(leaf.value() instanceof NixValue.ListOf list)) {
          continue;
        }
        String written = OptionPlaces.value(at, options, e.getKey(), leaf.path());
        for (int i = 0; i < list.items().size(); i++) {
          if (list.items().get(i) instanceof NixValue.Int port && !needed.contains((int) port.value())) {
            String proto = leaf.path().get(leaf.path().size() - 1).contains("UDP") ? "udp" : "tcp";
            // At the port in the list as written; at the option when the list is no list of the spec's.
            String item = written + "[" + i + "]";
            ctx.warning(ctx.sources().has(item) ? item : written,
                "port " + port.value() + "/" + proto + " is opened on host `" + hostName + "` but no service there needs it",
                "remove it from `" + String.join(".", leaf.path()) + "`; a service's exposure opens what it needs");
          }
        }
      }
    }
  }

  /** networking.firewall.allowed{TCP,UDP}Ports, or networking.firewall.interfaces.NAME.allowed{TCP,UDP}Ports. */
  private static boolean opensPorts(List<String> path) {
    String last = path.get(path.size() - 1);
    if (!last.equals("allowedTCPPorts") && !last.equals("allowedUDPPorts")) {
      return false;
    }
    return path.size() == 3 && path.get(0).equals("networking") && path.get(1).equals("firewall")
        || path.size() == 5 && path.get(0).equals("networking") && path.get(1).equals("firewall") && path.get(2).equals("interfaces");
  }
}
