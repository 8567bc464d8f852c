package dev.homelab.model;

/** Whether the host joins the tailnet (interface {@code tailscale0}). */
public record Tailscale(Boolean enable) {

  public Tailscale {
    enable = enable == null ? Boolean.TRUE : enable;
  }
}
