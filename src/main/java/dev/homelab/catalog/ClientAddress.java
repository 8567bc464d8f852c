package dev.homelab.catalog;

import java.util.Map;

/**
 * How a service learns a visitor's address behind the proxy (the descriptor's
 * {@code clientAddress} block). Every proxy hands the visitor's address to a service on
 * loopback; a service must trust that peer and read the header that carries it.
 *
 * <ul>
 *   <li>{@code header}: the header it reads, {@code X-Forwarded-For} (default) or
 *       {@code X-Real-IP}; the proxy sets both to the visitor's address.
 *   <li>{@code trust}: options, in the option language of {@code set}, that make it believe
 *       that header from the proxy on loopback (facts {@code proxyAddresses} and
 *       {@code proxyAddressesCsv}); set only when the service is behind the proxy.
 *   <li>{@code note}: what the module cannot set, and where to set it instead.
 * </ul>
 */
public record ClientAddress(String header, Map<String, Object> trust, String note) {

  public static final String FORWARDED_FOR = "X-Forwarded-For";
  public static final String REAL_IP = "X-Real-IP";

  public ClientAddress {
    header = header == null ? FORWARDED_FOR : header;
    if (!header.equals(FORWARDED_FOR) && !header.equals(REAL_IP)) {
      throw new IllegalArgumentException("clientAddress.header must be " + FORWARDED_FOR + " or " + REAL_IP + ", not " + header);
    }
    trust = trust == null ? Map.of() : trust;
  }
}
