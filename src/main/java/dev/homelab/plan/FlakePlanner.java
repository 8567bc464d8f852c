package dev.homelab.plan;

import dev.homelab.model.Spec;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans {@code flake.nix}: the inputs actually used, one nixosConfiguration per host, a formatter. */
final class FlakePlanner {

  /** A host as the flake lists it, with the modules its configuration is made of. */
  public record FlakeHost(String name, String system, NixValue.ListOf modules) {}

  private FlakePlanner() {}

  /**
   * @param usesSops whether any host reads secrets (sops-nix then joins every host)
   * @param quadletHosts the hosts that run Quadlet containers (they get quadlet-nix)
   * @param namespaceHosts the hosts with a VPN network namespace (they get VPN-Confinement)
   * @param impermanentHosts the hosts with an ephemeral root (they get impermanence)
   */
  static PlannedFile plan(Spec spec, Headers headers, boolean usesSops, Set<String> quadletHosts, Set<String> namespaceHosts,
      Set<String> impermanentHosts) {
    List<FlakeHost> hosts = new ArrayList<>();
    spec.hosts().forEach((name, host) -> {
      List<NixValue> modules = new ArrayList<>();
      if (usesSops) {
        modules.add(new NixValue.Ref("sops-nix.nixosModules.sops"));
      }
      if (quadletHosts.contains(name)) {
        modules.add(new NixValue.Ref("quadlet-nix.nixosModules.quadlet"));
      }
      if (namespaceHosts.contains(name)) {
        modules.add(new NixValue.Ref("vpn-confinement.nixosModules.default"));
      }
      if (impermanentHosts.contains(name)) {
        modules.add(new NixValue.Ref("impermanence.nixosModules.impermanence"));
      }
      modules.add(new NixValue.Path("./hosts/" + name));
      hosts.add(new FlakeHost(name, host.system(), new NixValue.ListOf(modules)));
    });
    List<String> systems = hosts.stream().map(FlakeHost::system).distinct().sorted().toList();
    List<String> inputs = new ArrayList<>(List.of("nixpkgs"));
    if (usesSops) {
      inputs.add("sops-nix");
    }
    if (!quadletHosts.isEmpty()) {
      inputs.add("quadlet-nix");
    }
    if (!namespaceHosts.isEmpty()) {
      inputs.add("vpn-confinement");
    }
    if (!impermanentHosts.isEmpty()) {
      inputs.add("impermanence");
    }

    return new PlannedFile("flake.nix", Ownership.GENERATED, "flake.nix.ftl", Map.of(
        "header", headers.nix("hosts/<host>/local.nix"),
        "description", spec.homelab().name(),
        "nixpkgsUrl", "github:NixOS/nixpkgs/" + spec.homelab().channel(),
        "sops", usesSops,
        "quadlet", !quadletHosts.isEmpty(),
        "vpnConfinement", !namespaceHosts.isEmpty(),
        "impermanence", !impermanentHosts.isEmpty(),
        "args", dev.homelab.nix.NixFormat.functionArgs(inputs, 4),
        "hosts", hosts,
        "systems", systems));
  }
}
