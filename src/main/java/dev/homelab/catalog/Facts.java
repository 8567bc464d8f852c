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
 *
 * <p>A condition is {@code NAME} (the fact is set and not {@code false}, {@code ""} or
 * {@code []}), {@code NAME=VALUE} (its text equals the value), {@code release>=YY.MM} or
 * {@code release<YY.MM} (the lab's NixOS release is that release or newer, or older: an
 * unstable channel is newer than every release), each negated by a leading {@code !}.
 */
public final class Facts {

  /** The facts of every service (some null where they do not apply). */
  public static final Set<String> NAMES = Set.of("awaitsClaim", "bind", "containerUnit", "dataDir", "dataset", "domain",
      "fqdn", "gpu", "group", "host", "kind", "lanRanges", "lanRangesCsv", "mediaDir", "monitoringHost", "name", "oidc", "oidcClientId",
      "oidcClientSecret", "oidcClientSecretName", "oidcIssuer", "oidcProvider", "oidcProviderName", "port", "proxyAddresses",
      "proxyAddressesCsv", "release", "sso", "ssoRules", "stateDir", "subdomain", "syncMesh", "tier", "timezone", "title", "url", "user", "vpn",
      "vpn.addresses", "vpn.countries", "vpn.privateKey", "vpn.provider");

  /** The fact that holds the lab's NixOS release ({@code 25.11}, or {@link #UNSTABLE}). */
  public static final String RELEASE = "release";
  /** The value of {@link #RELEASE} on an unstable channel: newer than every release. */
  public static final String UNSTABLE = "unstable";

  /** Facts named per setting, extra port, OIDC endpoint or neighbouring kind. */
  public static final List<String> PREFIXES = List.of("settings.", "extraPorts.", "oidcEndpoint.", "peer.");

  private Facts() {}

  /** True when the planner can give a fact of this name. */
  public static boolean isFact(String name) {
    if (NAMES.contains(name)) {
      return true;
    }
    for (String prefix : PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The value of the {@link #RELEASE} fact for a channel: its release, or {@link #UNSTABLE}. */
  public static String release(String channel) {
    String release = NixosReleases.release(channel);
    return release != null ? release : UNSTABLE;
  }

  /** Whether a {@code when:} condition holds for these facts (the grammar above). */
  public static boolean holds(String when, java.util.Map<String, Object> facts) {
    if (when == null || when.isBlank()) {
      return true;
    }
    if (when.startsWith("!")) {
      return !holds(when.substring(1), facts);
    }
    if (when.startsWith(RELEASE + ">=") || when.startsWith(RELEASE + "<")) {
      boolean atLeast = when.startsWith(RELEASE + ">=");
      String bound = when.substring(RELEASE.length() + (atLeast ? 2 : 1));
      Object v = facts.get(RELEASE);
      boolean newer = v == null || UNSTABLE.equals(v) || String.valueOf(v).compareTo(bound) >= 0;
      return atLeast == newer;
    }
    int eq = when.indexOf('=');
    if (eq > 0) {
      Object v = facts.get(when.substring(0, eq));
      return v != null && String.valueOf(v).equals(when.substring(eq + 1));
    }
    Object v = facts.get(when);
    return v != null && !Boolean.FALSE.equals(v) && !"".equals(v) && !(v instanceof List<?> l && l.isEmpty());
  }

  /**
   * What is wrong with the descriptor's {@code when:} conditions: a name that is no fact, a
   * setting it does not declare, a neighbouring kind the catalog does not have, a release
   * comparison with a release homelab does not support.
   */
  public static List<String> conditionProblems(ServiceDescriptor d, Set<String> kinds) {
    List<String> out = new ArrayList<>();
    for (OptionBlock b : d.options()) {
      String when = b.when();
      if (when == null || when.isBlank()) {
        continue;
      }
      String name = when.startsWith("!") ? when.substring(1) : when;
      String op = name.startsWith(RELEASE + ">=") ? ">=" : name.startsWith(RELEASE + "<") ? "<"
          : name.startsWith(RELEASE + "=") ? "=" : null;
      if (op != null) {
        String bound = name.substring(RELEASE.length() + op.length());
        List<String> releases = NixosReleases.builtIn().releases();
        if (!releases.contains(bound) && !(op.equals("=") && bound.equals(UNSTABLE))) {
          out.add("`when: " + when + "`: `" + bound + "` is not a NixOS release homelab supports (" + String.join(", ", releases) + ")");
        }
        continue;
      }
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
