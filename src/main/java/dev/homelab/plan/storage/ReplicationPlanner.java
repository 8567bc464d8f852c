package dev.homelab.plan.storage;

import dev.homelab.model.Host;
import dev.homelab.model.Replication;
import dev.homelab.model.Spec;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.quote.Shell;
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
 * source's preseeds to pull a copy back, never to destroy or roll back; and Sanoid there
 * pruning the copies with the sender's policies).
 */
public final class ReplicationPlanner {

  /** The user that sends on the source and receives on the target. */
  public static final String USER = "syncoid";

  /** The unit on the receiving host that prepares the datasets copies land under. */
  static final String RECEIVE_UNIT = "homelab-syncoid-receive";

  /**
   * What {@code syncoid} may do below its landing dataset: receive, and send a copy back (a
   * {@code preseed: { from: syncoid }} on the source). No {@code destroy}, {@code rollback},
   * {@code hold} or {@code release}: with {@link #SYNCOID_ARGS} it never destroys, rolls back
   * or holds there, so a compromised sender cannot remove what the target keeps.
   */
  static final String RECEIVE_PERMISSIONS = "compression,create,mount,mountpoint,receive,send";

  /**
   * How the sender runs syncoid: it sends the snapshots Sanoid takes and makes none of its
   * own ({@code --no-sync-snap}: nothing of its own to prune on the target), and receives
   * without {@code -F} ({@code --no-rollback}: nothing on the target is rolled back or destroyed).
   */
  static final List<String> SYNCOID_ARGS = List.of("--no-sync-snap", "--no-rollback");

  /** The prefix of the Sanoid templates the target prunes received snapshots with. */
  static final String RECEIVED = "received-";

  /** One replicated dataset: where it comes from and where it lands. */
  public record Copy(String source, String target) {}

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
  public static String landing(Spec spec, String sourceHost, Replication r) {
    return targetPool(spec, r) + "/backups/" + sourceHost;
  }

  /** How the source reaches the target over SSH. */
  public static String address(Replication r) {
    return r.address() != null ? r.address() : r.to();
  }

  /** The datasets a host replicates, each with the dataset it lands in on the target. */
  public static List<Copy> copies(Spec spec, String sourceHost, Replication r) {
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
  public static String syncoidUnit(String command) {
    return "syncoid-" + command.replaceAll("[^a-zA-Z0-9_.\\-]+", "-");
  }

  /** The sending side; null when the host replicates nothing. */
  public static PlannedFile source(HostContext ctx) {
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
        .comment("Only Sanoid's snapshots are sent, and nothing on " + r.to() + " is rolled back or destroyed: its"
            + " account may not, and " + r.to() + " prunes the copies itself.")
        .set("commonArgs", NixValue.strings(SYNCOID_ARGS))
        .set("commands", commands.attrs())
        .attrs());
    if (r.hostKey() != null) {
      b.comment("Trust " + r.to() + "'s SSH host key (hosts." + ctx.name + ".replication.hostKey).")
          .set(List.of("programs", "ssh", "knownHosts", r.to()), new Bindings()
              .set("hostNames", NixValue.strings(List.of(address(r))))
              .str("publicKey", r.hostKey())
              .attrs());
    }
    if (DatasetPlanner.hasUnit(ctx)) {
      b.comment("Each command sends datasets the datasets unit creates: it runs after it (wanted, not required, like Sanoid).");
      for (Copy c : copies(ctx.spec, ctx.name, r)) {
        b.set(List.of("systemd", "services", syncoidUnit(c.source())), DatasetPlanner.ordering().attrs());
      }
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

  /**
   * Sanoid on the target prunes the received copies with the sender's snapshot policies
   * (templates {@code received-<policy>}, every count written, {@code autosnap} off: a
   * snapshot of its own would break the next incremental receive), so what the target keeps
   * does not depend on the sender. Returns the header's lines.
   */
  private static List<String> received(HostContext ctx, Map<String, Replication> senders, Bindings b) {
    java.util.TreeMap<String, dev.homelab.model.SnapshotPolicy> used = new java.util.TreeMap<>();
    Bindings datasets = new Bindings();
    List<String> lines = new ArrayList<>();
    senders.forEach((sender, r) -> {
      DatasetLayout layout = ctx.layouts.get(sender);
      for (Copy c : copies(ctx.spec, sender, r)) {
        for (PlannedDataset d : layout.all()) {
          if (!d.name().equals(c.source()) && !d.name().startsWith(c.source() + "/")) {
            continue;
          }
          String target = c.target() + d.name().substring(c.source().length());
          var policy = ctx.spec.snapshots().get(d.policy());
          if (policy == null || policy.keepsNothing()) {
            continue;
          }
          used.put(d.policy(), policy);
          datasets.set(List.of(target, "useTemplate"), NixValue.strings(List.of(RECEIVED + d.policy())));
        }
      }
    });
    if (used.isEmpty()) {
      return lines;
    }
    Bindings templates = new Bindings();
    used.forEach((name, p) -> templates.set(List.of(RECEIVED + name), DatasetPlanner.sanoidTemplate(p, false)));
    b.comment("The copies' snapshots are this host's: Sanoid here prunes them with the sender's policies, and"
            + " takes none of its own (they would break the next incremental receive).")
        .set("services.sanoid", new Bindings()
            .bool("enable", true)
            .set("templates", templates.attrs())
            .set("datasets", datasets.attrs())
            .attrs());
    lines.addAll(Headers.wrap("Received snapshots are kept and pruned here by Sanoid, with the policy each dataset has"
        + " on its sender: a sender can add snapshots, never remove them."));
    return lines;
  }

  /** The receiving side; null when no host replicates to this one. */
  public static PlannedFile target(HostContext ctx) {
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
        .comment("Syncoid runs zfs receive through this login's shell; the login gets no terminal (sshd below).")
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
    b.comment("No interactive session and no forwarding for the replication login; `Match all` ends the block.")
        .set("services.openssh.extraConfig", new NixValue.Text(List.of(
            "Match User " + USER,
            "  AllowTcpForwarding no",
            "  AllowAgentForwarding no",
            "  AllowStreamLocalForwarding no",
            "  PermitTunnel no",
            "  PermitTTY no",
            "  X11Forwarding no",
            "Match all")));
    b.set(List.of("systemd", "services", RECEIVE_UNIT), unit.attrs());
    List<String> pruned = received(ctx, senders, b);
    List<String> comment = new ArrayList<>(Headers.wrap("Receives Syncoid replication from "
        + String.join(", ", senders.keySet()) + " over SSH as `" + USER + "`, which may only receive into (and send back"
        + " from) each sender's landing dataset: it can destroy, roll back or release nothing there."));
    if (!missingKeys.isEmpty()) {
      comment.addAll(Headers.wrap("The senders' public keys are not in the spec (" + String.join(", ", missingKeys)
          + "): give hosts.<sender>.replication.publicKey, or add the public half of each sender's sshKey to"
          + " users.users.syncoid.openssh.authorizedKeys.keys in local.nix."));
    }
    comment.addAll(pruned);
    return ctx.module("syncoid-receive.nix", "hosts/module.nix.ftl", comment, b.build());
  }
}
