package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.Effective;
import dev.homelab.catalog.SettingSpec;
import dev.homelab.model.Host;
import dev.homelab.model.SecretRef;
import dev.homelab.model.Service;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HL0350: secret values never go into the spec. A plain string where a secret reference is
 * expected is a pasted value; so is, anywhere in the spec (settings, container environment,
 * {@code nixos:} options), a private key header, a value under a key named like a secret
 * ({@code password}, {@code token}, {@code apiKey}, ... but not {@code passwordFile}), and a
 * long random-looking string (high entropy: a key or token).
 */
public final class PastedSecret implements Rule {

  private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|AGE-SECRET-KEY-1");
  private static final String HINT = "declare the secret under `secrets:`, put its value into sops"
      + " (`sops secrets/<host>.yaml`) and write `{ secret: NAME }` here";

  @Override
  public String id() {
    return "HL0350";
  }

  @Override
  public void check(RuleContext ctx) {
    var spec = ctx.spec();
    // Values reported as a setting that takes a secret reference: the walk below skips them,
    // so one pasted value is one finding.
    java.util.Set<String> reported = new java.util.HashSet<>();
    for (Map.Entry<String, Host> h : spec.hosts().entrySet()) {
      String hostPath = SourceMap.child("hosts", h.getKey());
      var net = h.getValue().network();
      if (net.tunnel() != null) {
        pasted(ctx, SourceMap.child(hostPath, "network.tunnel.credentials"), net.tunnel().credentials());
      }
      pasted(ctx, SourceMap.child(hostPath, "network.proxy.dnsToken"), net.proxy().dnsToken());
      pasted(ctx, SourceMap.child(hostPath, "network.proxy.clientCa"), net.proxy().clientCa());
      for (Map.Entry<String, Service> s : h.getValue().services().entrySet()) {
        String path = SourceMap.path(hostPath, "services", s.getKey());
        if (s.getValue().vpn() != null) {
          pasted(ctx, SourceMap.child(path, "vpn.privateKey"), s.getValue().vpn().privateKey());
          pasted(ctx, SourceMap.child(path, "vpn.config"), s.getValue().vpn().config());
        }
        if (s.getValue().container() != null) {
          pasted(ctx, SourceMap.path(path, "container", "environmentFile"), s.getValue().container().environmentFile());
        }
        if (s.getValue().oidc() != null) {
          pasted(ctx, SourceMap.path(path, "oidc", "clientSecret"), s.getValue().oidc().clientSecret());
        }
        var d = ctx.catalog().find(Effective.kindOf(s.getKey(), s.getValue()));
        if (d.isEmpty()) {
          continue;
        }
        for (Map.Entry<String, SettingSpec> st : d.get().settings().entrySet()) {
          Object v = s.getValue().settings().get(st.getKey());
          if ("secret".equals(st.getValue().type()) && v != null && !(v instanceof Map)) {
            String at = SourceMap.path(path, "settings", st.getKey());
            reported.add(at);
            ctx.error(at, "`" + st.getKey() + "` takes a secret reference, not a value", HINT);
          }
        }
      }
    }
    spec.backups().secretRefs().forEach((path, ref) -> pasted(ctx, path, ref));
    if (spec.monitoring() != null) {
      spec.monitoring().secretRefs().forEach((path, ref) -> pasted(ctx, path, ref));
    }
    spec.admins().forEach((n, p) -> pasted(ctx, SourceMap.path("admins", n, "passwordHash"), p.passwordHash()));
    spec.users().forEach((n, p) -> pasted(ctx, SourceMap.path("users", n, "passwordHash"), p.passwordHash()));
    SpecStrings.walk(spec, (where, value) -> {
      // The last key is all the tests need: the path is made for a finding only.
      String key = lastKey(where.tail());
      String problem;
      if (mayHoldPrivateKey(value) && PRIVATE_KEY.matcher(value).find()) {
        problem = "this looks like a private key";
      } else if (!value.isBlank() && SECRET_KEY.matcher(key).find() && !NOT_A_VALUE.matcher(key).find()
          && !value.startsWith("/")) {
        problem = "`" + key + "` holds what looks like a secret value";
      } else if (looksRandom(value)) {
        problem = "this looks like a key or token (a long random string)";
      } else {
        return;
      }
      String path = where.path();
      if (reported.contains(path) || path.startsWith("sync.") && DEVICE_ID.matcher(path).matches()) {
        return;
      }
      ctx.error(path, problem, HINT);
    });
  }

  /** A Syncthing device id is public: it is derived from the device's certificate and grants nothing. */
  private static final Pattern DEVICE_ID = Pattern.compile("sync\\.syncthing\\.devices\\.[^.]+\\.id");

  /** Keys whose value is a secret. */
  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i)(pass(word|wd|phrase)?$|secret|token|api_?key|apikey|private_?key|credential)");
  /** ... unless the key names where the secret is, or something about it. */
  private static final Pattern NOT_A_VALUE = Pattern.compile(
      "(?i)(file|files|path|command|cmd|dir|length|policy|mode|owner|group|hint|name|user|username|id|env|url|header|_file)$");

  /** What {@link #PRIVATE_KEY} looks for begins with one of these: a string without either needs no match. */
  private static boolean mayHoldPrivateKey(String value) {
    return value.contains("-----BEGIN ") || value.contains("AGE-SECRET-KEY-1");
  }

  /** The last key of a spec path: `nixos` keys are dotted option paths, their last segment counts. */
  static String lastKey(String path) {
    String p = path;
    // Without a final list index (`[3]`).
    int end = p.length();
    if (end > 0 && p.charAt(end - 1) == ']') {
      int i = end - 2;
      while (i >= 0 && p.charAt(i) >= '0' && p.charAt(i) <= '9') {
        i--;
      }
      if (i >= 0 && i < end - 2 && p.charAt(i) == '[') {
        p = p.substring(0, i);
      }
    }
    String key = p.substring(p.lastIndexOf('.') + 1);
    return key.indexOf('"') < 0 ? key : key.replace("\"", "");
  }

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/_=-]{24,}");

  /**
   * A long string of one token that is not a path, a URL, an age recipient or hex alone, with
   * more than 4.3 bits of entropy per character: a generated key or token.
   */
  static boolean looksRandom(String s) {
    if (s.length() < 24 || !TOKEN.matcher(s).matches() || s.startsWith("/") || s.startsWith("age1") || s.matches("[0-9a-fA-F-]+")) {
      return false;
    }
    if (!s.chars().anyMatch(Character::isDigit) || !s.chars().anyMatch(Character::isLetter)) {
      return false;
    }
    Map<Integer, Integer> counts = new java.util.HashMap<>();
    s.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
    double bits = 0;
    for (int n : counts.values()) {
      double p = (double) n / s.length();
      bits -= p * Math.log(p) / Math.log(2);
    }
    return bits > 4.3;
  }

  private static void pasted(RuleContext ctx, String path, SecretRef ref) {
    if (ref != null && ref.pasted()) {
      ctx.error(path, "a secret value is pasted here", HINT);
    }
  }
}
