package dev.homelab.model;

import dev.homelab.model.constraints.DomainName;
import jakarta.validation.Valid;
import java.util.Map;

/**
 * How the lab's NixOS hosts are deployed: the engine ({@code colmena}, {@code deploy-rs} or
 * {@code none}, the default), the tailnet's MagicDNS name (hosts on the tailnet are reached as
 * {@code <host>.<tailnet>}), the SSH user every host is reached as (default: the first admin),
 * whether hosts build their own systems, and per-host overrides ({@code hosts.<name>}, or
 * {@code hosts.<name>: false} for a host that is not deployed remotely).
 */
public record Deploy(
    DeployEngine engine,
    @DomainName String tailnet,
    String targetUser,
    Boolean buildOnTarget,
    Map<String, @Valid DeployHost> hosts) {

  public Deploy {
    engine = engine == null ? DeployEngine.NONE : engine;
    buildOnTarget = buildOnTarget != null && buildOnTarget;
    hosts = Maps.copy(hosts);
  }

  /** The overrides of a host (none given: every default). */
  public DeployHost host(String name) {
    DeployHost h = hosts.get(name);
    return h == null ? new DeployHost(null, null, null, null, null, null) : h;
  }
}
