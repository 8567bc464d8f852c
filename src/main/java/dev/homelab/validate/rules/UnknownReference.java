package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.Effective;
import dev.homelab.catalog.SettingSpec;
import dev.homelab.diag.Suggest;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Host;
import dev.homelab.model.Pool;
import dev.homelab.model.SecretRef;
import dev.homelab.model.Service;
import dev.homelab.model.Tier;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * HL0302: every name used as a reference is declared: tiers, datasets, secrets, backup
 * repositories and jobs, snapshot policies, hosts and services.
 */
public final class UnknownReference implements Rule {

  @Override
  public String id() {
    return "HL0302";
  }

  @Override
  public void check(RuleContext ctx) {
    var spec = ctx.spec();
    List<String> policies = new ArrayList<>(spec.snapshots().keySet());
    policies.add("none");
    List<String> allServices = new ArrayList<>();
    spec.hosts().values().forEach(h -> allServices.addAll(h.services().keySet()));

    for (Map.Entry<String, Tier> t : spec.tiers().entrySet()) {
      String path = SourceMap.child("tiers", t.getKey());
      ref(ctx, SourceMap.child(path, "snapshots"), "snapshot policy", t.getValue().snapshots(), policies, "snapshots");
      List<String> backup = t.getValue().backup();
      for (int i = 0; i < backup.size(); i++) {
        ref(ctx, SourceMap.child(path, "backup") + "[" + i + "]", "backup job", backup.get(i),
            spec.backups().jobs().keySet(), "backups.jobs");
      }
    }
    for (Map.Entry<String, Host> h : spec.hosts().entrySet()) {
      String hostPath = SourceMap.child("hosts", h.getKey());
      Host host = h.getValue();
      List<String> datasets = new ArrayList<>();
      for (Map.Entry<String, Pool> p : host.storage().entrySet()) {
        p.getValue().datasets().keySet().forEach(d -> datasets.add(p.getKey() + "/" + d));
        p.getValue().datasets().forEach((d, ds) -> ref(ctx,
            SourceMap.path(hostPath, "storage", p.getKey(), "datasets", d) + ".snapshots",
            "snapshot policy", ds.snapshots(), policies, "snapshots"));
      }
      var net = host.network();
      if (net.tunnel() != null) {
        if (net.tunnel().credentials() == null) {
          secretName(ctx, SourceMap.child(hostPath, "network.tunnel"), "cloudflared/credentials");
        }
        secret(ctx, SourceMap.child(hostPath, "network.tunnel.credentials"), net.tunnel().credentials());
      }
      secret(ctx, SourceMap.child(hostPath, "network.proxy.dnsToken"), net.proxy().dnsToken());
      secret(ctx, SourceMap.child(hostPath, "network.proxy.clientCa"), net.proxy().clientCa());
      for (Map.Entry<String, Service> s : host.services().entrySet()) {
        String path = SourceMap.path(hostPath, "services", s.getKey());
        Service svc = s.getValue();
        ref(ctx, SourceMap.child(path, "tier"), "tier", svc.tier(), spec.tiers().keySet(), "tiers");
        if (svc.dataset() != null && !datasets.contains(svc.dataset())) {
          String hint = Suggest.didYouMean(svc.dataset(), datasets);
          ctx.error(SourceMap.child(path, "dataset"), "unknown dataset `" + svc.dataset() + "` on host `" + h.getKey() + "`",
              hint != null ? hint : "declare it under hosts." + h.getKey() + ".storage.<pool>.datasets (names are `pool/path`)");
        }
        if (svc.vpn() != null) {
          secret(ctx, SourceMap.child(path, "vpn.privateKey"), svc.vpn().privateKey());
          secret(ctx, SourceMap.child(path, "vpn.config"), svc.vpn().config());
        }
        if (svc.container() != null) {
          secret(ctx, SourceMap.path(path, "container", "environmentFile"), svc.container().environmentFile());
        }
        var d = ctx.catalog().find(Effective.kindOf(s.getKey(), svc));
        if (svc.oidc() != null && svc.oidc().enable() && d.isPresent() && d.get().oidc() != null) {
          if (svc.oidc().clientSecret() == null) {
            secretName(ctx, SourceMap.child(path, "oidc"), s.getKey() + "/oidc-client-secret");
          } else {
            secret(ctx, SourceMap.path(path, "oidc", "clientSecret"), svc.oidc().clientSecret());
          }
        }
        if (d.isPresent()) {
          for (Map.Entry<String, SettingSpec> st : d.get().settings().entrySet()) {
            if (!"secret".equals(st.getValue().type())) {
              continue;
            }
            String with = st.getValue().onlyWith();
            if (with != null && !svc.settings().containsKey(st.getKey())) {
              boolean without = with.startsWith("!");
              String other = without ? with.substring(1) : with;
              boolean runs = ctx.services(h.getKey(), host).stream().anyMatch(o -> o.kind().equals(other) && o.deployed());
              if (runs == without) {
                continue;
              }
            }
            Object v = svc.settings().containsKey(st.getKey()) ? svc.settings().get(st.getKey()) : st.getValue().defaultValue();
            if (v instanceof Map<?, ?> m && m.get("secret") instanceof String name) {
              String at = SourceMap.path(path, "settings", st.getKey());
              secretName(ctx, svc.settings().containsKey(st.getKey()) ? at + ".secret" : path, name);
            }
          }
        }
      }
    }
    spec.backups().secretRefs().forEach((path, ref) -> secret(ctx, path, ref));
    if (spec.monitoring() != null) {
      spec.monitoring().secretRefs().forEach((path, ref) -> secret(ctx, path, ref));
    }
    spec.admins().forEach((n, p) -> secret(ctx, SourceMap.path("admins", n, "passwordHash"), p.passwordHash()));
    spec.users().forEach((n, p) -> secret(ctx, SourceMap.path("users", n, "passwordHash"), p.passwordHash()));
    for (Map.Entry<String, BackupJob> j : spec.backups().jobs().entrySet()) {
      String path = SourceMap.child("backups.jobs", j.getKey());
      BackupJob job = j.getValue();
      list(ctx, SourceMap.child(path, "to"), "backup repository", job.to(), spec.backups().repositories().keySet(), "backups.repositories");
      list(ctx, SourceMap.child(path, "hosts"), "host", job.hosts(), spec.hosts().keySet(), "hosts");
      list(ctx, SourceMap.child(path, "services"), "service", job.services(), allServices, "hosts.<host>.services");
      if (job.to().isEmpty()) {
        ctx.errorAtKey(path, "backup job `" + j.getKey() + "` has no repository", "add `to: [REPOSITORY]`");
      }
    }
    for (int i = 0; i < spec.sops().rules().size(); i++) {
      var r = spec.sops().rules().get(i);
      list(ctx, "sops.rules[" + i + "].admins", "admin", r.admins(), spec.admins().keySet(), "admins");
      list(ctx, "sops.rules[" + i + "].hosts", "host", r.hosts(), spec.hosts().keySet(), "hosts");
    }
  }

  private static void list(RuleContext ctx, String path, String what, List<String> names, Collection<String> known, String where) {
    for (int i = 0; i < names.size(); i++) {
      ref(ctx, path + "[" + i + "]", what, names.get(i), known, where);
    }
  }

  private static void ref(RuleContext ctx, String path, String what, String name, Collection<String> known, String where) {
    if (name == null || known.contains(name)) {
      return;
    }
    String hint = Suggest.didYouMean(name, known);
    ctx.error(path, "unknown " + what + " `" + name + "`", hint != null ? hint : "declare it under `" + where + ":`");
  }

  private static void secret(RuleContext ctx, String path, SecretRef ref) {
    if (ref != null && !ref.pasted()) {
      secretName(ctx, SourceMap.child(path, "secret"), ref.name());
    }
  }

  private static void secretName(RuleContext ctx, String path, String name) {
    if (ctx.spec().secrets().containsKey(name)) {
      return;
    }
    String hint = Suggest.didYouMean(name, ctx.spec().secrets().keySet());
    ctx.error(path, "secret `" + name + "` is not declared",
        hint != null ? hint : "declare it under `secrets:` (`" + name + ": {}`); its value goes into sops, never the spec");
  }
}
