package dev.homelab.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * A whole homelab: the lab's facts, people, tiers, snapshot policies, hosts, backups,
 * secrets, the spec's own flake inputs, the data synced between hosts ({@code sync}), how the
 * hosts are deployed and the fleet's monitoring ({@code monitoring}, null when the spec has
 * none). Maps keep the spec's order; every name is a key checked by validation.
 */
public record Spec(
    @NotNull(message = "the spec needs a `homelab:` section with the lab's name and domain") @Valid Lab homelab,
    Map<String, @Valid Person> admins,
    Map<String, @Valid Person> users,
    Map<String, @Valid Tier> tiers,
    Map<String, @Valid SnapshotPolicy> snapshots,
    Map<String, @Valid Host> hosts,
    @Valid Backups backups,
    Map<String, @Valid Secret> secrets,
    @Valid Sops sops,
    @Valid FlakeSection flake,
    List<@Valid Suppression> suppress,
    @Valid Deploy deploy,
    @Valid Sync sync,
    @Valid Monitoring monitoring) {

  public Spec {
    admins = Maps.copy(admins);
    users = Maps.copy(users);
    tiers = Maps.copy(tiers);
    snapshots = Maps.copy(snapshots);
    hosts = Maps.copy(hosts);
    backups = backups == null ? new Backups(null, null, null, null) : backups;
    secrets = Maps.copy(secrets);
    sops = sops == null ? new Sops(null) : sops;
    flake = flake == null ? new FlakeSection(null) : flake;
    suppress = suppress == null ? List.of() : List.copyOf(suppress);
    deploy = deploy == null ? new Deploy(null, null, null, null, null) : deploy;
    sync = sync == null ? new Sync(null, null) : sync;
  }
}
