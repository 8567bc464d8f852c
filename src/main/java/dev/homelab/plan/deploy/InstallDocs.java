package dev.homelab.plan.deploy;

import dev.homelab.model.DeployEngine;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.plan.PlannedFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of {@code docs/README.md} that says how each host is installed the first time
 * (nixos-anywhere with disko where the host has a disk layout, {@code nixos-install} otherwise,
 * an SD card for a Raspberry Pi, nix-darwin on a Mac) and how the flake is deployed afterwards
 * (colmena phase by phase, deploy-rs, or {@code nixos-rebuild --target-host}).
 */
public final class InstallDocs {

  /** A host's row: how it is installed, then how it is updated. */
  public record Row(String host, String system, String install, String update) {}

  /** The section: the rows and the phase-by-phase deployment. */
  public record Section(String engine, List<Row> rows, List<String> phases, List<String> notes) {}

  private InstallDocs() {}

  /** docs/README.md with the section added to its model. */
  public static PlannedFile extend(PlannedFile docs, Spec spec, List<Deployment.Node> nodes, Set<String> diskoHosts,
      List<ChecksPlanner.Check> checks) {
    Map<String, Object> model = new HashMap<>(docs.model());
    Section section = section(spec, nodes, diskoHosts);
    if (!checks.isEmpty()) {
      List<String> notes = new ArrayList<>(section.notes());
      notes.add("Before deploying, " + code("nix flake check") + " runs a VM test of each server with placeholder secrets: "
          + String.join(", ", checks.stream().map(c -> code("checks." + c.system() + "." + c.host() + "-services")).toList())
          + " (" + code("checks/<host>/default.nix") + " says what it waits for).");
      section = new Section(section.engine(), section.rows(), section.phases(), List.copyOf(notes));
    }
    model.put("install", section);
    return new PlannedFile(docs.path(), docs.ownership(), docs.template(), model);
  }

  static Section section(Spec spec, List<Deployment.Node> nodes, Set<String> diskoHosts) {
    Map<String, Deployment.Node> byName = new LinkedHashMap<>();
    nodes.forEach(n -> byName.put(n.name(), n));
    DeployEngine engine = spec.deploy().engine();
    List<Row> rows = new ArrayList<>();
    spec.hosts().forEach((name, host) -> rows.add(new Row(name, code(host.system()),
        install(spec, name, host, diskoHosts.contains(name)), update(spec, name, host, byName.get(name)))));
    List<String> phases = new ArrayList<>();
    Deployment.byPhase(nodes).forEach((phase, in) -> {
      String hosts = String.join(", ", in.stream().map(Deployment.Node::name).toList());
      String command = switch (engine) {
        case COLMENA -> code("colmena apply --on @phase-" + phase);
        case DEPLOY_RS -> code("deploy --targets " + String.join(" ", in.stream().map(n -> ".#" + n.name()).toList()));
        case NONE -> "each host's " + code("nixos-rebuild") + " line above";
      };
      phases.add("phase " + phase + ": " + hosts + ": " + command);
    });
    List<String> notes = new ArrayList<>();
    String user = Deployment.defaultUser(spec);
    if (!nodes.isEmpty()) {
      notes.add("A host is deployed after the hosts it sends replicas and backups to or restores from (their receiving"
          + " accounts and its data must be there first); " + code("deploy.hosts.<host>.phase") + " sets a phase by hand.");
      if (user != null) {
        notes.add("SSH logs in as " + code(user) + " (an admin: key-only, passwordless sudo through " + code("wheel")
            + "); root's SSH login stays closed.");
      }
      if (spec.deploy().tailnet() != null) {
        notes.add("Hosts on the tailnet are reached as " + code("<host>." + spec.deploy().tailnet())
            + ": the machine you deploy from must be on the tailnet too.");
      }
    }
    if (engine == DeployEngine.COLMENA && !nodes.isEmpty()) {
      notes.add("colmena reads the flake's " + code("colmenaHive") + "; " + code("colmena apply") + " without "
          + code("--on") + " deploys every node at once, in no order.");
    } else if (engine == DeployEngine.DEPLOY_RS && !nodes.isEmpty()) {
      notes.add("deploy-rs reads the flake's " + code("deploy") + " output; " + code("nix flake check")
          + " runs its schema and activation checks with the VM checks.");
    }
    return new Section(engine == DeployEngine.NONE ? "nixos-rebuild" : engine.wire(), rows, phases, notes);
  }

  private static String install(dev.homelab.model.Spec spec, String name, Host host, boolean disko) {
    if (Deployment.darwin(host)) {
      return "nix-darwin: install Nix on the Mac, then "
          + code(dev.homelab.plan.lab.FlakePlanner.darwinFirstSwitch(spec, name)) + " there once (see its section below)";
    }
    // The first install runs before the host is on the tailnet: its address on the LAN.
    String target = "root@<address>";
    if (host.role() == dev.homelab.model.Role.PI) {
      return "SD card: write NixOS's generic " + host.system().replace("-linux", "") + " SD image (the "
          + code("nixos-image-sd-card-*.img.zst") + " of Hydra's " + code("nixos.sd_image") + " job) with "
          + code("zstdcat IMAGE | sudo dd of=/dev/sdX bs=4M") + ", boot the Pi, at its console put your SSH key into "
          + code("/root/.ssh/authorized_keys") + " and " + code("systemctl start sshd") + ", then " + code("nixos-rebuild switch --flake .#" + name + " --target-host " + target)
          + " (built on an " + host.system() + " machine or with " + code("--build-host") + ")";
    }
    if (disko) {
      return "nixos-anywhere with disko (" + code("hosts/" + name + "/disko.nix") + " lays out the disks): boot the"
          + " NixOS installer, then from here " + code("nix run github:nix-community/nixos-anywhere -- --flake .#" + name
              + " --generate-hardware-config nixos-generate-config ./hosts/" + name + "/hardware-configuration.nix " + target)
          + (host.age() != null ? "; add " + code("--extra-files DIR") + " holding " + code("etc/ssh/ssh_host_ed25519_key")
              + " so the host keeps the key behind its age recipient" : "");
    }
    return "nixos-install: boot the NixOS installer, partition and mount the root on " + code("/mnt") + " (labels "
        + code("nixos") + " and " + code("boot") + ", as " + code("hardware-configuration.nix") + " expects), then "
        + code("nixos-install --flake .#" + name) + " from a copy of this flake";
  }

  private static String update(Spec spec, String name, Host host, Deployment.Node node) {
    if (Deployment.darwin(host)) {
      return code("sudo darwin-rebuild switch --flake .#" + name) + " on the Mac (not deployed by "
          + (spec.deploy().engine() == DeployEngine.NONE ? "SSH" : spec.deploy().engine().wire()) + ")";
    }
    if (node == null) {
      return code("sudo nixos-rebuild switch --flake .#" + name) + " on the machine itself (" + code("deploy.hosts." + name
          + ": false") + ")";
    }
    String phase = "phase " + node.phase();
    return switch (spec.deploy().engine()) {
      case COLMENA -> code("colmena apply --on " + name) + ", " + phase;
      case DEPLOY_RS -> code("deploy .#" + name) + ", " + phase;
      case NONE -> code("nixos-rebuild switch --flake .#" + name + " --target-host " + node.sshTarget()
          + (node.targetUser() == null || "root".equals(node.targetUser()) ? "" : " --sudo")
          + (node.buildOnTarget() ? " --build-host " + node.sshTarget() : "")) + ", " + phase;
    };
  }

  private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\\r\\n]+");

  /** A code span that no backtick inside can end early. */
  static String code(String s) {
    String flat = LINE_BREAKS.matcher(s).replaceAll(" ").replace("|", "\\|");
    return flat.contains("`") ? "`` " + flat + " ``" : "`" + flat + "`";
  }
}
