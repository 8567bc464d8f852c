package dev.homelab.plan;

import dev.homelab.plan.quote.Shell;
import dev.homelab.model.Host;
import dev.homelab.model.Replication;
import dev.homelab.model.Spec;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans Syncoid replication between hosts of the spec: on the sending host
 * {@code replication.nix} (one Syncoid command per replicated dataset, recursive, on the
 * host's interval, logging in to the receiving host as {@code syncoid} with the key from
 * sops); on the receiving host {@code syncoid-receive.nix} (the {@code syncoid} login and a
 * oneshot unit that creates {@code <pool>/backups/<source>} unmounted and delegates to
 * {@code syncoid} just the ZFS permissions a receive needs there, and {@code send} for the
 * source's preseeds to pull a copy back).
 */
final class ReplicationPlanner {

  /** The user that sends on the source and receives on the target. */
  static final String USER = "syncoid";

  /** The unit on the receiving host that prepares the datasets copies land under. */
  static final String RECEIVE_UNIT = "homelab-syncoid-receive";

  /**
   * What {@code syncoid} may do below its landing dataset: receive, prune its own sync
   * snapshots, and send a copy back (a {@code preseed: { from: syncoid }} on the source).
   */
  static final String RECEIVE_PERMISSIONS = "compression,create,destroy,hold,mount,mountpoint,receive,release,rollback,send";

  /** One replicated dataset: where it comes from and where it lands. */
  record Copy(String source, String target) {}

  private ReplicationPlanner() {}

  /** The pool of the target host the copies land on: the one named, else its first. */
  static String targetPool(Spec spec, Replication r) {
    if (r.pool() != null) {
      return r.pool();
    }
    Host target = spec.hosts().get(r.to());
    return target == null || target.storage().isEmpty() ? null : target.storage().keySet().iterator().next();
  }

  /** The dataset under which a source host's copies land on the target: {@code <pool>/backups/<source>}. */
  static String landing(Spec spec, String sourceHost, Replication r) {
    return targetPool(spec, r) + "/backups/" + sourceHost;
  }

  /** How the source reaches the target over SSH. */
  static String address(Replication r) {
    return r.address() != null ? r.address() : r.to();
  }

  /** The datasets a host replicates, each with the dataset it lands in on the target. */
  static List<Copy> copies(Spec spec, String sourceHost, Replication r) {
    List<Copy> out = new ArrayList<>();
    for (String d : r.datasets()) {
      String withinPool = d.contains("/") ? d.substring(d.indexOf('/') + 1) : "";
      String target = landing(spec, sourceHost, r) + (withinPool.isEmpty() ? "" : "/" + withinPool);
      out.add(new Copy(d, target));
    }
    return out;
  }

  /**
   * The unit of {@code services.syncoid.commands.<name>}: the module escapes the name as
   * {@code escapeUnitName} does (runs of characters other than {@code [a-zA-Z0-9_.-]} become {@code -}).
   */
  static String syncoidUnit(String command) {
    return "syncoid-" + command.replaceAll("[^a-zA-Z0-9_.\\-]+", "-");
  }

  /** The sending side; null when the host replicates nothing. */
  static PlannedFile source(HostContext ctx) {
    Replication r = ctx.host.replication();
    if (r == null) {
      return null;
    }
    String secret = r.sshKey().name();
    ctx.useSecret(secret, USER, USER, "syncoid replication to " + r.to(),
        "an SSH private key (ssh-keygen -t ed25519 -N ''); its public half goes on " + r.to());
    Bindings commands = new Bindings();
    for (Copy c : copies(ctx.spec, ctx.name, r)) {
      commands.set(List.of(c.source()), new Bindings()
          .str("source", c.source())
          .str("target", USER + "@" + address(r) + ":" + c.target())
          .bool("recursive", true)
          .attrs());
    }
    Bindings b = new Bindings();
    b.set("services.syncoid", new Bindings()
        .bool("enable", true)
        .str("interval", r.at())
        .set("sshKey", new NixValue.SecretPath(secret))
        .set("commands", commands.attrs())
        .attrs());
    if (r.hostKey() != null) {
      b.comment("Trust " + r.to() + "'s SSH host key (hosts." + ctx.name + ".replication.hostKey).")
          .set(List.of("programs", "ssh", "knownHosts", r.to()), new Bindings()
              .set("hostNames", NixValue.strings(List.of(address(r))))
              .str("publicKey", r.hostKey())
              .attrs());
    }
    List<dev.homelab.nix.Binding> all = new ArrayList<>(b.build());
    all.add(ctx.sopsBinding(secret));
    List<String> comment = new ArrayList<>(Headers.wrap("Replication by Syncoid to " + r.to() + " (" + r.at()
        + "): each dataset below with its children, into " + landing(ctx.spec, ctx.name, r) + " there."));
    if (r.hostKey() == null) {
      comment.addAll(Headers.wrap("SSH checks " + address(r) + "'s host key: give it as hosts." + ctx.name
          + ".replication.hostKey (`ssh-keyscan -t ed25519 " + address(r) + "`), or add it to"
          + " programs.ssh.knownHosts in local.nix."));
    }
    return ctx.module("replication.nix", "hosts/module.nix.ftl", comment, all);
  }

  /** The receiving side; null when no host replicates to this one. */
  static PlannedFile target(HostContext ctx) {
    Map<String, Replication> senders = new LinkedHashMap<>();
    ctx.spec.hosts().forEach((name, host) -> {
      if (host.replication() != null && ctx.name.equals(host.replication().to())) {
        senders.put(name, host.replication());
      }
    });
    if (senders.isEmpty()) {
      return null;
    }
    List<String> keys = new ArrayList<>();
    List<String> script = new ArrayList<>(List.of("set -eu"));
    List<String> missingKeys = new ArrayList<>();
    for (Map.Entry<String, Replication> e : senders.entrySet()) {
      Replication r = e.getValue();
      if (r.publicKey() != null) {
        keys.add(r.publicKey());
      } else {
        missingKeys.add(e.getKey());
      }
      String landing = Shell.word(landing(ctx.spec, e.getKey(), r));
      script.add("# " + e.getKey() + "'s copies: never mounted here (mountpoint=none, inherited by what arrives).");
      script.add("zfs list -H -o name " + landing + " >/dev/null 2>&1 || zfs create -p -u -o mountpoint=none " + landing);
      script.add("zfs allow -u " + USER + " " + RECEIVE_PERMISSIONS + " " + landing);
    }
    Bindings user = new Bindings()
        .bool("isSystemUser", true)
        .str("group", USER)
        .comment("Syncoid runs zfs receive through this login's shell.")
        .bool("useDefaultShell", true);
    if (!keys.isEmpty()) {
      user.set("openssh.authorizedKeys.keys", NixValue.strings(keys));
    }
    Bindings unit = new Bindings()
        .str("description", "Prepare the datasets replicated copies land in, and let syncoid receive there")
        .set("wantedBy", NixValue.strings(List.of("multi-user.target")))
        .set("after", NixValue.strings(List.of("zfs-import.target")))
        .set("path", NixValue.list(List.of(new NixValue.Ref("config.boot.zfs.package"))))
        .set("serviceConfig", new Bindings().str("Type", "oneshot").bool("RemainAfterExit", true).attrs())
        .set("script", new NixValue.Text(script));
    Bindings b = new Bindings();
    b.set(List.of("users", "users", USER), user.attrs());
    b.set(List.of("users", "groups", USER), new NixValue.Attrs(List.of()));
    b.set(List.of("systemd", "services", RECEIVE_UNIT), unit.attrs());
    List<String> comment = new ArrayList<>(Headers.wrap("Receives Syncoid replication from "
        + String.join(", ", senders.keySet()) + " over SSH as `" + USER + "`, which may only receive into (prune"
        + " its sync snapshots under, and send back from) each sender's landing dataset."));
    if (!missingKeys.isEmpty()) {
      comment.addAll(Headers.wrap("The senders' public keys are not in the spec (" + String.join(", ", missingKeys)
          + "): give hosts.<sender>.replication.publicKey, or add the public half of each sender's sshKey to"
          + " users.users.syncoid.openssh.authorizedKeys.keys in local.nix."));
    }
    comment.addAll(Headers.wrap("Received snapshots are kept until pruned: Sanoid here does not prune them unless"
        + " local.nix gives these datasets a template with autoprune."));
    return ctx.module("syncoid-receive.nix", "hosts/module.nix.ftl", comment, b.build());
  }
}
