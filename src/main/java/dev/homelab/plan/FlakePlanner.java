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
   * @param diskoHosts the hosts with a new pool to lay out (they get disko)
   * @param impermanentHosts the hosts with an ephemeral root (they get impermanence)
   */
  static PlannedFile plan(Spec spec, Headers headers, boolean usesSops, Set<String> quadletHosts, Set<String> namespaceHosts,
      Set<String> diskoHosts, Set<String> impermanentHosts) {
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
      if (diskoHosts.contains(name)) {
        modules.add(new NixValue.Ref("disko.nixosModules.disko"));
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
    if (!diskoHosts.isEmpty()) {
      inputs.add("disko");
    }
    if (!impermanentHosts.isEmpty()) {
      inputs.add("impermanence");
    }

    Map<String, Object> model = new java.util.HashMap<>();
    model.put("header", headers.nix("hosts/<host>/local.nix"));
    model.put("description", spec.homelab().name());
    model.put("nixpkgsUrl", "github:NixOS/nixpkgs/" + spec.homelab().channel());
    model.put("sops", usesSops);
    model.put("quadlet", !quadletHosts.isEmpty());
    model.put("vpnConfinement", !namespaceHosts.isEmpty());
    model.put("disko", !diskoHosts.isEmpty());
    model.put("impermanence", !impermanentHosts.isEmpty());
    model.put("args", dev.homelab.nix.NixFormat.functionArgs(inputs, 4));
    model.put("hosts", hosts);
    model.put("systems", systems);
    return new PlannedFile("flake.nix", Ownership.GENERATED, "flake.nix.ftl", Map.copyOf(model));
  }
}
