package dev.homelab.plan;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Impermanence;
import dev.homelab.model.TlsMode;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code impermanence.nix} for a host with an ephemeral root: what survives a reboot
 * under {@code persist} (the impermanence module's {@code environment.persistence}). The
 * system's own state (users and ids, systemd, logs, machine id, SSH host keys), each
 * deployed service's state directory from the catalog, PostgreSQL's cluster, the proxy's
 * and Tailscale's state. A directory on a ZFS dataset survives on its own and gets no entry.
 */
final class ImpermanencePlanner {

  /** The system's own state, always kept. */
  static final List<String> SYSTEM_DIRECTORIES = List.of("/var/lib/nixos", "/var/lib/systemd", "/var/log");

  /** The machine id and the SSH host keys (sops-nix decrypts with the ed25519 one). */
  static final List<String> SYSTEM_FILES = List.of("/etc/machine-id", "/etc/ssh/ssh_host_ed25519_key",
      "/etc/ssh/ssh_host_ed25519_key.pub", "/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_rsa_key.pub");

  private ImpermanencePlanner() {}

  /** A directory to keep, with its owner when a service's user owns it (null: root). */
  record Kept(String directory, String user, String group, String mode) {}

  /** The directories kept under {@code persist}, in order, none on a dataset. */
  static List<Kept> directories(HostContext ctx) {
    Map<String, Kept> out = new LinkedHashMap<>();
    SYSTEM_DIRECTORIES.forEach(d -> out.put(d, new Kept(d, null, null, null)));
    boolean privateState = false;
    for (EffectiveService s : ctx.services) {
      String dir = ctx.datasets.dataDir(s);
      if (dir == null || ctx.datasets.isOnDataset(dir)) {
        continue;
      }
      if (dir.startsWith("/var/lib/private/")) {
        // State of systemd dynamic users: kept whole, 0700 as systemd wants it.
        privateState = true;
        continue;
      }
      String user = s.descriptor().user();
      String group = s.descriptor().group() != null ? s.descriptor().group() : user;
      out.putIfAbsent(dir, new Kept(dir, user, group, null));
    }
    if (privateState && !ctx.datasets.isOnDataset("/var/lib/private")) {
      out.put("/var/lib/private", new Kept("/var/lib/private", null, null, "0700"));
    }
    boolean postgres = ctx.services.stream().anyMatch(s -> "postgresql".equals(s.descriptor().database()));
    if (postgres && !ctx.datasets.isOnDataset("/var/lib/postgresql")) {
      out.putIfAbsent("/var/lib/postgresql", new Kept("/var/lib/postgresql", "postgres", "postgres", null));
    }
    var proxy = ctx.host.network().proxy();
    if (ctx.services.stream().anyMatch(EffectiveService::isProxied)) {
      String state = switch (proxy.kind()) {
        case "caddy" -> "/var/lib/caddy";
        case "traefik" -> "/var/lib/traefik";
        default -> null;
      };
      if (state != null && !ctx.datasets.isOnDataset(state)) {
        out.putIfAbsent(state, new Kept(state, proxy.kind(), proxy.kind(), null));
      }
      if (proxy.tls() == TlsMode.ACME && !ctx.datasets.isOnDataset("/var/lib/acme")) {
        out.putIfAbsent("/var/lib/acme", new Kept("/var/lib/acme", "acme", "acme", null));
      }
    }
    if (ctx.host.network().tailscale().enable() && !ctx.datasets.isOnDataset("/var/lib/tailscale")) {
      out.putIfAbsent("/var/lib/tailscale", new Kept("/var/lib/tailscale", null, null, null));
    }
    return List.copyOf(out.values());
  }

  /** Null when the host's root is not ephemeral. */
  static PlannedFile plan(HostContext ctx) {
    Impermanence imp = ctx.host.impermanence();
    if (imp == null) {
      return null;
    }
    List<NixValue> dirs = new ArrayList<>();
    for (Kept k : directories(ctx)) {
      if (k.user() == null && k.mode() == null) {
        dirs.add(NixValue.str(k.directory()));
        continue;
      }
      Bindings d = new Bindings().str("directory", k.directory());
      if (k.user() != null) {
        d.str("user", k.user()).str("group", k.group());
      }
      if (k.mode() != null) {
        d.str("mode", k.mode());
      }
      dirs.add(d.attrs());
    }
    Bindings b = new Bindings();
    b.comment("Mounted in the initrd, before anything is bind-mounted from it; its device and file system"
            + " come from hardware-configuration.nix (or disko).")
        .set(List.of("fileSystems", imp.persist(), "neededForBoot"), NixValue.bool(true));
    b.set(List.of("environment", "persistence", imp.persist()), new Bindings()
        .bool("hideMounts", true)
        .set("directories", NixValue.list(dirs))
        .set("files", NixValue.strings(SYSTEM_FILES))
        .attrs());
    if (!ctx.secrets.isEmpty()) {
      b.comment("sops-nix decrypts during activation, before the bind mounts: read the host key where it is kept.")
          .set("sops.age.sshKeyPaths", NixValue.strings(List.of(imp.persist() + "/etc/ssh/ssh_host_ed25519_key")));
    }
    List<String> comment = new ArrayList<>(Headers.wrap("The root file system is ephemeral (hosts." + ctx.name
        + ".impermanence): what must survive a reboot is kept under " + imp.persist() + ". Data on ZFS datasets"
        + " survives on its own and is not listed. Wiping the root at boot (a tmpfs root, or rolling it back to"
        + " an empty snapshot) is the host's own setup, in hardware-configuration.nix."));
    return ctx.module("impermanence.nix", "hosts/module.nix.ftl", comment, b.build());
  }
}
