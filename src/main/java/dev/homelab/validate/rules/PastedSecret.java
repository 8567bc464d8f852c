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
 * expected is a pasted value; a private key header anywhere is one too.
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
            ctx.error(SourceMap.path(path, "settings", st.getKey()),
                "`" + st.getKey() + "` takes a secret reference, not a value", HINT);
          }
        }
      }
    }
    spec.backups().secretRefs().forEach((path, ref) -> pasted(ctx, path, ref));
    SpecStrings.walk(spec, "", (path, value) -> {
      if (PRIVATE_KEY.matcher(value).find()) {
        ctx.error(path, "this looks like a private key", HINT);
      }
    });
  }

  private static void pasted(RuleContext ctx, String path, SecretRef ref) {
    if (ref != null && ref.pasted()) {
      ctx.error(path, "a secret value is pasted here", HINT);
    }
  }
}
