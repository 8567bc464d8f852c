package dev.homelab.plan.lab;

import dev.homelab.model.Spec;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Headers;
import dev.homelab.plan.ModuleFlake;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.people.PeoplePlanner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans {@code flake.nix}: the inputs actually used, one nixosConfiguration per NixOS host, one
 * darwinConfiguration per Mac, a formatter. The spec's own inputs and nixos-hardware come from
 * {@link SpecInputs}.
 */
public final class FlakePlanner {

  /** A host as the flake lists it, with the modules its configuration is made of. */
  public record FlakeHost(String name, String system, NixValue.ListOf modules) {}

  /**
   * Which hosts import which module flake.
   *
   * @param usesSops whether any host reads secrets (sops-nix then joins every host)
   * @param quadletHosts the hosts that run Quadlet containers (they get quadlet-nix)
   * @param namespaceHosts the hosts with a VPN network namespace (they get VPN-Confinement)
   * @param diskoHosts the hosts with a new pool to lay out (they get disko)
   * @param impermanentHosts the hosts with an ephemeral root (they get impermanence)
   */
  public record Imports(boolean usesSops, Set<String> quadletHosts, Set<String> namespaceHosts, Set<String> diskoHosts,
      Set<String> impermanentHosts) {

    /** The module flakes a host imports, in the order its module list names them. */
    public Set<ModuleFlake> of(String host) {
      Set<ModuleFlake> out = EnumSet.noneOf(ModuleFlake.class);
      if (usesSops) {
        out.add(ModuleFlake.SOPS_NIX);
      }
      if (quadletHosts.contains(host)) {
        out.add(ModuleFlake.QUADLET_NIX);
      }
      if (namespaceHosts.contains(host)) {
        out.add(ModuleFlake.VPN_CONFINEMENT);
      }
      if (diskoHosts.contains(host)) {
        out.add(ModuleFlake.DISKO);
      }
      if (impermanentHosts.contains(host)) {
        out.add(ModuleFlake.IMPERMANENCE);
      }
      return out;
    }
  }

  private FlakePlanner() {}

  public static PlannedFile plan(Spec spec, Headers headers, Imports imports) {
    List<FlakeHost> hosts = new ArrayList<>();
    Set<ModuleFlake> used = EnumSet.noneOf(ModuleFlake.class);
    spec.hosts().forEach((name, host) -> {
      if (host.isDarwin()) {
        return;
      }
      List<NixValue> modules = new ArrayList<>();
      for (ModuleFlake f : imports.of(name)) {
        modules.add(new NixValue.Ref(f.module));
        used.add(f);
      }
      modules.addAll(SpecInputs.modules(spec, host));
      modules.addAll(people(spec, name));
      modules.add(new NixValue.Path("./hosts/" + name));
      hosts.add(new FlakeHost(name, host.system(), new NixValue.ListOf(modules)));
    });
    List<FlakeHost> darwinHosts = darwinHosts(spec);
    List<String> systems = java.util.stream.Stream.concat(hosts.stream(), darwinHosts.stream())
        .map(FlakeHost::system).distinct().sorted().toList();
    List<String> inputs = new ArrayList<>(List.of("nixpkgs"));
    used.forEach(f -> inputs.add(f.input));
    List<SpecInputs.Declared> declared = SpecInputs.declared(spec);
    declared.forEach(d -> inputs.add(d.name()));
    boolean homeManager = spec.hosts().keySet().stream().anyMatch(h -> !people(spec, h).isEmpty());
    if (homeManager) {
      inputs.add("home-manager");
    }
    if (!darwinHosts.isEmpty()) {
      inputs.add("nix-darwin");
    }

    Map<String, Object> model = new java.util.HashMap<>();
    model.put("header", headers.nix("hosts/<host>/local.nix"));
    model.put("description", spec.homelab().name());
    model.put("nixpkgsUrl", "github:NixOS/nixpkgs/" + spec.homelab().channel());
    model.put("sops", used.contains(ModuleFlake.SOPS_NIX));
    model.put("quadlet", used.contains(ModuleFlake.QUADLET_NIX));
    model.put("vpnConfinement", used.contains(ModuleFlake.VPN_CONFINEMENT));
    model.put("disko", used.contains(ModuleFlake.DISKO));
    model.put("impermanence", used.contains(ModuleFlake.IMPERMANENCE));
    model.put("specInputs", declared);
    model.put("args", dev.homelab.nix.NixFormat.functionArgs(inputs, 4));
    model.put("inputNames", List.copyOf(inputs));
    model.put("hosts", hosts);
    model.put("homeManagerUrl", homeManager ? "github:nix-community/home-manager/" + branch(spec, "release-") : "");
    model.put("darwinUrl", darwinHosts.isEmpty() ? "" : "github:nix-darwin/nix-darwin/" + branch(spec, "nix-darwin-"));
    model.put("darwinHosts", darwinHosts);
    model.put("systems", systems);
    return new PlannedFile("flake.nix", Ownership.GENERATED, "flake.nix.ftl", Map.copyOf(model));
  }

  // People and Macs: home-manager on the hosts where a profile applies, nix-darwin for the Macs.

  /** The home-manager module of a host where someone's home profile applies (none elsewhere). */
  private static List<NixValue> people(Spec spec, String host) {
    boolean any = PeoplePlanner.people(spec).values().stream().anyMatch(p -> PeoplePlanner.profileOn(spec, p, host));
    if (!any) {
      return List.of();
    }
    return List.of(new NixValue.Ref(spec.hosts().get(host).isDarwin()
        ? "home-manager.darwinModules.home-manager" : "home-manager.nixosModules.home-manager"));
  }

  /** Each Mac as a darwinConfiguration: home-manager where a profile applies, then its own files. */
  private static List<FlakeHost> darwinHosts(Spec spec) {
    List<FlakeHost> out = new ArrayList<>();
    spec.hosts().forEach((name, host) -> {
      if (host.isDarwin()) {
        List<NixValue> modules = new ArrayList<>(people(spec, name));
        modules.add(new NixValue.Path("./hosts/" + name));
        out.add(new FlakeHost(name, host.system(), new NixValue.ListOf(modules)));
      }
    });
    return out;
  }

  /**
   * The branch of home-manager or nix-darwin that follows the lab's channel: {@code release-26.05}
   * or {@code nix-darwin-26.05} for {@code nixos-26.05}, {@code master} for an unstable channel.
   */
  /** The command of a Mac's first switch, which installs nix-darwin itself from the release's branch. */
  public static String darwinFirstSwitch(Spec spec, String host) {
    return "sudo nix --extra-experimental-features \"nix-command flakes\" run nix-darwin/" + branch(spec, "nix-darwin-")
        + "#darwin-rebuild -- switch --flake .#" + host;
  }

  static String branch(Spec spec, String prefix) {
    String release = dev.homelab.catalog.OptionCatalog.release(spec.homelab().channel());
    return release == null ? "master" : prefix + release;
  }
}
