package dev.homelab.plan;

import dev.homelab.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plans {@code flake.nix}: the inputs actually used, one nixosConfiguration per host, a formatter. */
final class FlakePlanner {

  /** A host as the flake lists it. */
  public record FlakeHost(String name, String system) {}

  private FlakePlanner() {}

  static PlannedFile plan(Spec spec, Headers headers, boolean usesSops) {
    List<FlakeHost> hosts = new ArrayList<>();
    spec.hosts().forEach((name, host) -> hosts.add(new FlakeHost(name, host.system())));
    List<String> systems = hosts.stream().map(FlakeHost::system).distinct().sorted().toList();
    return new PlannedFile("flake.nix", Ownership.GENERATED, "flake.nix.ftl", Map.of(
        "header", headers.nix("hosts/<host>/local.nix"),
        "description", spec.homelab().name(),
        "nixpkgsUrl", "github:NixOS/nixpkgs/" + spec.homelab().channel(),
        "sops", usesSops,
        "hosts", hosts,
        "systems", systems));
  }
}
