package dev.homelab.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fleet's monitoring ({@code monitoring:}): the host that runs the stack ({@code host},
 * which must run the {@code prometheus} kind), where Alertmanager sends alerts
 * ({@code notifications}), the tailnet's MagicDNS suffix the scrape targets are named under
 * ({@code tailnet}, such as {@code tail1234.ts.net}; without it the bare host name, which
 * MagicDNS resolves too) and the pool usage (percent) above which an alert fires
 * ({@code poolUsage}). Every Linux host of the spec contributes exporters the monitoring host
 * scrapes over the tailnet.
 */
public record Monitoring(
    @NotNull(message = "`monitoring` needs `host`, the host that runs Prometheus for the fleet") String host,
    @Valid Notifications notifications,
    @Pattern(regexp = "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+",
        message = "a tailnet's MagicDNS suffix is a domain name such as `tail1234.ts.net`") String tailnet,
    @Min(value = 1, message = "`poolUsage` is a percentage, 1 to 99")
        @Max(value = 99, message = "`poolUsage` is a percentage, 1 to 99") Integer poolUsage) {

  /** The pool usage (percent) above which an alert fires unless the spec gives another. */
  public static final int DEFAULT_POOL_USAGE = 80;

  public Monitoring {
    poolUsage = poolUsage == null ? DEFAULT_POOL_USAGE : poolUsage;
  }

  /** Every secret reference under {@code monitoring}, by spec path. */
  public Map<String, SecretRef> secretRefs() {
    Map<String, SecretRef> out = new LinkedHashMap<>();
    if (notifications != null && notifications.pushover() != null) {
      put(out, "monitoring.notifications.pushover.userKey", notifications.pushover().userKey());
      put(out, "monitoring.notifications.pushover.token", notifications.pushover().token());
    }
    if (notifications != null && notifications.discord() != null) {
      put(out, "monitoring.notifications.discord.webhook", notifications.discord().webhook());
    }
    return out;
  }

  private static void put(Map<String, SecretRef> out, String path, SecretRef ref) {
    if (ref != null) {
      out.put(path, ref);
    }
  }
}
