package dev.homelab.plan.deploy;

import dev.homelab.model.DeployEngine;
import dev.homelab.model.Spec;
import dev.homelab.nix.NixFormat;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.lab.FlakePlanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the deployment outputs of {@code flake.nix}: with colmena, a {@code colmenaHive}
 * (colmena's {@code lib.makeHive}) whose nodes import the host's modules and
 * {@code deploy/<host>.nix} (its {@code deployment.*} options); with deploy-rs,
 * {@code deploy.nodes.<host>} activating {@code nixosConfigurations.<host>} and deploy-rs's
 * {@code deployChecks}; and the VM checks of {@link ChecksPlanner}.
 */
public final class DeployPlanner {

  /** A colmena node: the host's modules and its deployment file. */
  public record HiveNode(String name, NixValue.ListOf modules) {}

  /** A host whose nixpkgs is not the hive's (another system). */
  public record NodeSystem(String name, String system) {}

  /** A deploy-rs node. */
  public record RsNode(String name, String system, String hostname, String sshUser, boolean remoteBuild) {}

  private DeployPlanner() {}

  /** colmena's {@code deploy/<host>.nix} per node; nothing for another engine. */
  public static List<PlannedFile> files(Spec spec, Headers headers, List<Deployment.Node> nodes) {
    List<PlannedFile> out = new ArrayList<>();
    if (spec.deploy().engine() != DeployEngine.COLMENA) {
      return out;
    }
    for (Deployment.Node n : nodes) {
      Bindings d = new Bindings()
          .comment("deploy.hosts." + n.name() + ".targetHost" + (spec.deploy().host(n.name()).targetHost() != null ? ""
              : spec.deploy().tailnet() != null && n.targetHost().endsWith("." + spec.deploy().tailnet())
                  ? ", else its name on the tailnet (deploy.tailnet)" : ", else its name as SSH resolves it"))
          .str("targetHost", n.targetHost());
      if (n.targetUser() != null) {
        d.comment("An admin: key-only SSH, root's login is closed; colmena activates through sudo.")
            .str("targetUser", n.targetUser());
      }
      d.bool("buildOnTarget", n.buildOnTarget());
      d.comment("`colmena apply --on @phase-" + n.phase() + "` deploys this phase.")
          .set("tags", NixValue.strings(n.tags()));
      Bindings b = new Bindings().set("deployment", d.attrs());
      List<String> comment = dev.homelab.plan.Headers.wrap("How colmena deploys " + n.name() + " (the hive's node imports this file; the host's"
          + " nixosConfiguration does not).");
      out.add(new PlannedFile(path(n.name()), Ownership.GENERATED, "hosts/module.nix.ftl",
          Map.of("module", new NixModule(headers.nix("hosts/" + n.name() + "/local.nix"), comment, b.build()),
              "host", n.name())));
    }
    return out;
  }

  /** The colmena file of a node. */
  public static String path(String host) {
    return "deploy/" + host + ".nix";
  }

  /**
   * {@code flake.nix} with the deployment outputs and the checks added to its model.
   *
   * @param checks the hosts with a VM check
   */
  public static PlannedFile flake(PlannedFile flake, Spec spec, List<Deployment.Node> nodes, List<ChecksPlanner.Check> checks) {
    Map<String, Object> model = new HashMap<>(flake.model());
    @SuppressWarnings("unchecked")
    List<String> inputs = new ArrayList<>((List<String>) model.get("inputNames"));
    @SuppressWarnings("unchecked")
    List<FlakePlanner.FlakeHost> hosts = (List<FlakePlanner.FlakeHost>) model.get("hosts");
    Map<String, NixValue.ListOf> modules = new HashMap<>();
    hosts.forEach(h -> modules.put(h.name(), h.modules()));
    DeployEngine engine = spec.deploy().engine();
    boolean self = false;
    if (engine == DeployEngine.COLMENA && !nodes.isEmpty()) {
      inputs.add("colmena");
      String hive = nodes.get(0).system();
      List<HiveNode> hiveNodes = new ArrayList<>();
      List<NodeSystem> systems = new ArrayList<>();
      for (Deployment.Node n : nodes) {
        List<NixValue> m = new ArrayList<>(modules.get(n.name()).items());
        m.add(new NixValue.Path("./" + path(n.name())));
        hiveNodes.add(new HiveNode(n.name(), new NixValue.ListOf(m)));
        if (!n.system().equals(hive)) {
          systems.add(new NodeSystem(n.name(), n.system()));
        }
      }
      model.put("colmena", Map.of("system", hive, "nodes", hiveNodes, "systems", systems));
    }
    if (engine == DeployEngine.DEPLOY_RS && !nodes.isEmpty()) {
      inputs.add("deploy-rs");
      self = true;
      model.put("deployRs", nodes.stream().map(n -> new RsNode(n.name(), n.system(), n.targetHost(), n.targetUser(),
          n.buildOnTarget())).toList());
    }
    if (!checks.isEmpty()) {
      List<ChecksPlanner.FlakeCheck> flakeChecks = checks.stream()
          .map(c -> new ChecksPlanner.FlakeCheck(c.host(), c.system(), modules.get(c.host()))).toList();
      model.put("checks", flakeChecks);
      model.put("checkSystems", flakeChecks.stream().map(ChecksPlanner.FlakeCheck::system).distinct().sorted().toList());
    }
    if (self) {
      inputs.add(0, "self");
    }
    model.put("inputNames", List.copyOf(inputs));
    model.put("args", NixFormat.functionArgs(inputs, 4));
    return new PlannedFile(flake.path(), flake.ownership(), flake.template(), model);
  }
}
