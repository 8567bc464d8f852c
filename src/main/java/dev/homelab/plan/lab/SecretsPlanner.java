package dev.homelab.plan.lab;

import dev.homelab.model.Person;
import dev.homelab.model.SopsRule;
import dev.homelab.model.Spec;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.Notice;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.SecretUse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans {@code .sops.yaml} (creation rules per host from the admins' and the host's age
 * recipients) and {@code secrets/<host>.required.yaml} (every secret the host reads, nested
 * by the {@code /} in its name as sops-nix reads it, with owner, group, mode and user).
 */
public final class SecretsPlanner {

  /** An age recipient under a YAML anchor name. */
  public record Key(String anchor, String recipient) {}

  /** One creation rule: the files it matches and the anchors of the keys that may open them. */
  public record Rule(String pathRegex, List<String> anchors) {}

  /** One line of the required list: a key at a depth, and the secret when it is a leaf. */
  public record Entry(String key, int depth, SecretUse secret) {}

  private SecretsPlanner() {}

  /** Null when the spec names no age recipient: sops would have nobody to encrypt to. */
  public static PlannedFile sopsConfig(Spec spec, Headers headers) {
    List<Key> keys = new ArrayList<>();
    Map<String, String> adminAnchors = new LinkedHashMap<>();
    for (Map.Entry<String, Person> e : spec.admins().entrySet()) {
      if (e.getValue().age() != null) {
        String anchor = "admin_" + e.getKey();
        keys.add(new Key(anchor, e.getValue().age()));
        adminAnchors.put(e.getKey(), anchor);
      }
    }
    Map<String, String> hostAnchors = new LinkedHashMap<>();
    spec.hosts().forEach((name, host) -> {
      if (host.age() != null) {
        String anchor = "host_" + name;
        keys.add(new Key(anchor, host.age()));
        hostAnchors.put(name, anchor);
      }
    });
    if (keys.isEmpty()) {
      return null;
    }
    List<Rule> rules = new ArrayList<>();
    for (String host : spec.hosts().keySet()) {
      if (spec.hosts().get(host).isDarwin()) {
        continue; // a Mac reads no secrets: sops-nix is a NixOS module here
      }
      List<String> anchors = new ArrayList<>(adminAnchors.values());
      if (hostAnchors.containsKey(host)) {
        anchors.add(hostAnchors.get(host));
      }
      rules.add(new Rule("secrets/" + host.replace(".", "\\.") + "\\.yaml$", anchors));
    }
    for (SopsRule r : spec.sops().rules()) {
      List<String> anchors = new ArrayList<>();
      (r.admins().isEmpty() ? List.copyOf(adminAnchors.keySet()) : r.admins()).forEach(a -> {
        if (adminAnchors.containsKey(a)) {
          anchors.add(adminAnchors.get(a));
        }
      });
      r.hosts().forEach(h -> {
        if (hostAnchors.containsKey(h)) {
          anchors.add(hostAnchors.get(h));
        }
      });
      rules.add(new Rule(r.pathRegex(), anchors));
    }
    return new PlannedFile(".sops.yaml", Ownership.GENERATED, "secrets/sops.yaml.ftl",
        Map.of("header", headers.plain(), "keys", keys, "rules", rules));
  }

  /**
   * HL0351: a host that reads secrets but has no age recipient of its own gets a
   * {@code .sops.yaml} rule for the admins only, and sops-nix on the host cannot decrypt its file
   * at activation.
   */
  public static List<Notice> recipients(HostContext ctx) {
    if (ctx.secrets.isEmpty() || ctx.host.age() != null) {
      return List.of();
    }
    int n = ctx.secrets.size();
    return List.of(new Notice("HL0351", "hosts." + ctx.name,
        "host `" + ctx.name + "` reads " + n + " secret" + (n == 1 ? "" : "s") + " but has no `age` recipient: secrets/"
            + ctx.name + ".yaml is encrypted to the admins only, and the host cannot decrypt it when it activates",
        "on the host, `nix-shell -p ssh-to-age --run 'ssh-to-age < /etc/ssh/ssh_host_ed25519_key.pub'` prints its"
            + " recipient: set it as `hosts." + ctx.name + ".age`, run `homelab gen`, then `sops updatekeys secrets/"
            + ctx.name + ".yaml`"));
  }

  /**
   * HL0386: a secret that readers running as different users read on one host. Its one file
   * has one owner: either a reader cannot read it, or a group or mode wide enough for all of
   * them lets each read what is meant for the others. Root reads any file and is no reader here.
   */
  public static List<Notice> sharedReaders(HostContext ctx) {
    List<Notice> out = new ArrayList<>();
    ctx.readers.forEach((secret, byUser) -> {
      List<String> users = byUser.keySet().stream().filter(u -> !u.equals("root")).toList();
      if (users.size() < 2) {
        return;
      }
      StringBuilder who = new StringBuilder();
      for (int i = 0; i < users.size(); i++) {
        who.append(i == 0 ? "" : i == users.size() - 1 ? " and " : ", ")
            .append('`').append(users.get(i)).append("` (").append(byUser.get(users.get(i))).append(')');
      }
      String owner = ctx.secrets.get(secret).owner();
      List<String> locked = users.stream().filter(u -> !u.equals(owner)).map(u -> "`" + u + "`").toList();
      out.add(new Notice("HL0386", "secrets." + secret, "secret `" + secret + "` is read on host `" + ctx.name
          + "` as " + users.size() + " users: " + who + "; its one file belongs to `" + owner + "`: "
          + String.join(", ", locked) + " cannot read it, and a group or mode that lets every reader in lets each read"
          + " what is meant for the others",
          "declare a secret for each reader (`" + secret + "-" + users.get(1) + "`, with its own value) and refer to it"
              + " from that reader only"));
    });
    return out;
  }

  /** HL0352: declared secrets that no host reads. */
  public static List<Notice> unread(Spec spec, java.util.Set<String> read) {
    List<Notice> out = new ArrayList<>();
    for (String name : spec.secrets().keySet()) {
      if (!read.contains(name)) {
        out.add(new Notice("HL0352", "secrets." + name, "secret `" + name + "` is declared but nothing the flake"
            + " deploys reads it", "remove it, or refer to it with `{ secret: " + name + " }` where it is needed (a"
            + " service that is switched off reads none of its secrets)"));
      }
    }
    return out;
  }

  /** Null when the host reads no secret. */
  public static PlannedFile required(HostContext ctx) {
    if (ctx.secrets.isEmpty()) {
      return null;
    }
    TreeMap<String, SecretUse> sorted = new TreeMap<>(ctx.secrets);
    List<Entry> entries = new ArrayList<>();
    List<String> open = new ArrayList<>();
    for (SecretUse use : sorted.values()) {
      String[] parts = use.name().split("/");
      int common = 0;
      while (common < open.size() && common < parts.length - 1 && open.get(common).equals(parts[common])) {
        common++;
      }
      open = new ArrayList<>(open.subList(0, common));
      for (int i = common; i < parts.length - 1; i++) {
        entries.add(new Entry(parts[i], i, null));
        open.add(parts[i]);
      }
      entries.add(new Entry(parts[parts.length - 1], parts.length - 1, use));
    }
    List<String> intro = Headers.wrap("The secrets host " + ctx.name + " needs. Put their values into secrets/" + ctx.name
        + ".yaml: `sops secrets/" + ctx.name + ".yaml` creates it with the keys of .sops.yaml. Nesting follows the names"
        + " (restic/password).");
    return new PlannedFile("secrets/" + ctx.name + ".required.yaml", Ownership.GENERATED, "secrets/required.yaml.ftl",
        Map.of("header", ctx.headers.plain(), "intro", intro, "entries", entries));
  }
}
