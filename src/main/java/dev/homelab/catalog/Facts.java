package dev.homelab.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The facts a descriptor may name in its values ({@code { fact: NAME }}, {@code {NAME}} in a
 * format) and its conditions ({@code when:}): the planner gives each service these, or names
 * below the prefixed ones, and refuses to give one that is not listed here. Descriptors are
 * checked against the list ({@link #conditionProblems}), so a misspelt {@code when:} cannot
 * silently drop its block.
 */
public final class Facts {

  /** The facts of every service (some null where they do not apply). */
  public static final Set<String> NAMES = Set.of("awaitsClaim", "bind", "containerUnit", "dataDir", "dataset", "domain",
      "fqdn", "gpu", "group", "host", "kind", "lanRanges", "lanRangesCsv", "mediaDir", "monitoringHost", "name", "oidc",
      "oidcClientId", "oidcClientSecret", "oidcClientSecretName", "oidcIssuer", "oidcProvider", "oidcProviderName", "port",
      "proxyAddresses", "proxyAddressesCsv", "sso", "ssoRules", "stateDir", "subdomain", "tier", "timezone", "title", "url",
      "user", "vpn", "vpn.addresses", "vpn.countries", "vpn.privateKey", "vpn.provider");

  /** Facts named per setting, extra port, OIDC endpoint or neighbouring kind. */
  public static final List<String> PREFIXES = List.of("settings.", "extraPorts.", "oidcEndpoint.", "peer.");

  private Facts() {}

  /** True when the planner can give a fact of this name. */
  public static boolean isFact(String name) {
    return NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
  }

  /**
   * What is wrong with the descriptor's {@code when:} conditions: a name that is no fact, a
   * setting it does not declare, a neighbouring kind the catalog does not have.
   */
  public static List<String> conditionProblems(ServiceDescriptor d, Set<String> kinds) {
    List<String> out = new ArrayList<>();
    for (OptionBlock b : d.options()) {
      String when = b.when();
      if (when == null || when.isBlank()) {
        continue;
      }
      String name = when.startsWith("!") ? when.substring(1) : when;
      int eq = name.indexOf('=');
      if (eq == 0 || name.isEmpty()) {
        out.add("`when: " + when + "` names no fact");
        continue;
      }
      if (eq > 0) {
        name = name.substring(0, eq);
      }
      if (!isFact(name)) {
        out.add("`when: " + when + "`: `" + name + "` is not a fact");
      } else if (name.startsWith("settings.") && !d.settings().containsKey(name.substring("settings.".length()).split("\\.")[0])) {
        out.add("`when: " + when + "`: the kind declares no setting `" + name.substring("settings.".length()) + "`");
      } else if (name.startsWith("peer.") && !kinds.contains(name.substring("peer.".length()).split("\\.")[0])) {
        out.add("`when: " + when + "`: the catalog has no kind `" + name.substring("peer.".length()) + "`");
      }
    }
    return out;
  }
}
