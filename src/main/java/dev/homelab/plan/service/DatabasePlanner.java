package dev.homelab.plan.service;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.storage.DatasetPlanner;
import java.util.List;

/**
 * Plans {@code postgresql.nix}: the one PostgreSQL cluster the host's services share. Each
 * service's module creates its own database and role (socket authentication, no password);
 * this file makes the cluster wait for its dataset.
 */
public final class DatabasePlanner {

  private DatabasePlanner() {}

  /** Null when no deployed service needs PostgreSQL. */
  public static PlannedFile plan(HostContext ctx) {
    List<String> users = ctx.services.stream()
        .filter(s -> "postgresql".equals(s.descriptor().database()))
        .map(EffectiveService::name)
        .toList();
    if (users.isEmpty()) {
      return null;
    }
    Bindings b = new Bindings();
    b.comment("Reachable from this host only: the socket and localhost (enableTCPIP stays off).")
        .bool("services.postgresql.enable", true);
    boolean onDataset = ctx.datasets.isOnDataset("/var/lib/postgresql");
    if (onDataset) {
      b.comment("The cluster lives on its own dataset (/var/lib/postgresql): start only once it is mounted.")
          .set(List.of("systemd", "services", "postgresql"), new Bindings()
              .set("requires", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")))
              .set("after", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")))
              .attrs());
    }
    return ctx.module("postgresql.nix", "hosts/module.nix.ftl",
        Headers.wrap("PostgreSQL shared by " + String.join(", ", users)
            + "; each service's module creates its own database and role."),
        b.build());
  }
}
