package dev.homelab.inspect;

/**
 * One way into one service: the host it runs on, the port it listens on and its protocol
 * ({@code tcp}, {@code udp}), the address it binds, who reaches it that way ({@code lan},
 * {@code tailnet}, {@code public} or {@code local}: only the host itself), and the URL it is
 * reached at that way.
 */
public record PortRow(String host, String service, int port, String protocol, String bind, String exposure, String url) {}
