package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Host;
import dev.homelab.model.Pool;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HL0340: names become host names, NixOS attribute names, file names, systemd unit names,
 * DNS labels and shell words, so each kind of name has a grammar that is safe in all of them.
 */
public final class NameGrammar implements Rule {

  static final Pattern HOST = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  static final Pattern PERSON = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  static final Pattern SECRET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*");
  static final Pattern POOL = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,62}");
  static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*(/[A-Za-z0-9][A-Za-z0-9_.:-]*)*");
  static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  @Override
  public String id() {
    return "HL0340";
  }

  @Override
  public void check(RuleContext ctx) {
    var spec = ctx.spec();
    names(ctx, "admins", spec.admins(), PERSON, "a user name: lowercase letters, digits, `_` and `-`");
    names(ctx, "users", spec.users(), PERSON, "a user name: lowercase letters, digits, `_` and `-`");
    names(ctx, "tiers", spec.tiers(), WORD, "lowercase letters, digits, `_` and `-`, starting with a letter");
    names(ctx, "snapshots", spec.snapshots(), WORD, "lowercase letters, digits, `_` and `-`, starting with a letter");
    names(ctx, "secrets", spec.secrets(), SECRET, "letters, digits, `_`, `.` and `-`, in parts separated by `/`");
    names(ctx, "backups.repositories", spec.backups().repositories(), WORD, "lowercase letters, digits, `_` and `-`");
    names(ctx, "backups.jobs", spec.backups().jobs(), SERVICE, "lowercase letters, digits and `-`");
    names(ctx, "hosts", spec.hosts(), HOST, "a host name: lowercase letters, digits and `-`, starting with a letter");
    for (Map.Entry<String, Host> h : spec.hosts().entrySet()) {
      String hostPath = SourceMap.child("hosts", h.getKey());
      names(ctx, SourceMap.child(hostPath, "services"), h.getValue().services(), SERVICE,
          "lowercase letters, digits and `-`, starting with a letter");
      h.getValue().services().forEach((name, s) -> {
        if (s.subdomain() != null && !LABEL.matcher(s.subdomain()).matches()) {
          ctx.error(SourceMap.path(hostPath, "services", name, "subdomain"),
              "`" + s.subdomain() + "` is not a DNS label", "use lowercase letters, digits and `-`, at most 63");
        } else if (s.subdomain() != null && spec.homelab() != null && spec.homelab().domain() != null
            && s.subdomain().length() + 1 + spec.homelab().domain().length() > 253) {
          ctx.error(SourceMap.path(hostPath, "services", name, "subdomain"),
              "`" + s.subdomain() + "." + spec.homelab().domain() + "` is longer than the 253 characters of a DNS name",
              "use a shorter subdomain");
        }
      });
      names(ctx, SourceMap.child(hostPath, "storage"), h.getValue().storage(), POOL, "a ZFS pool name");
      for (Map.Entry<String, Pool> p : h.getValue().storage().entrySet()) {
        names(ctx, SourceMap.path(hostPath, "storage", p.getKey(), "datasets"),
            p.getValue().datasets(), DATASET, "a dataset path relative to the pool, such as `media/movies`");
      }
    }
  }

  private static void names(RuleContext ctx, String path, Map<String, ?> map, Pattern grammar, String hint) {
    for (String name : map.keySet()) {
      if (!grammar.matcher(name).matches()) {
        ctx.errorAtKey(SourceMap.child(path, name), "`" + name + "` is not a valid name here", "use " + hint);
      }
    }
  }
}
