package dev.homelab.model;

import jakarta.validation.Valid;

/** How a host is reached: LAN, Tailscale, a tunnel, the reverse proxy, SSH and the firewall. */
public record Network(
    @Valid Lan lan, @Valid Tailscale tailscale, @Valid Tunnel tunnel, @Valid Proxy proxy, @Valid Ssh ssh, Firewall firewall) {

  public Network {
    lan = lan == null ? new Lan(null, null) : lan;
    tailscale = tailscale == null ? new Tailscale(false) : tailscale;
    proxy = proxy == null ? new Proxy(null, null, null, null, null, null, null, null) : proxy;
    ssh = ssh == null ? new Ssh(null, null) : ssh;
    firewall = firewall == null ? new Firewall(null, null) : firewall;
  }
}
