package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.nix.NixData;
import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * HL0383: options under {@code nixos:} (a host's or a service's) that turn SSH password
 * login back on: {@code services.openssh.settings.PasswordAuthentication} or
 * {@code KbdInteractiveAuthentication} set to true (or their old names). homelab's hosts
 * take SSH keys only; a password can be guessed from wherever the SSH port is open.
 */
public final class SshPasswordLogin implements Rule {

  private static final List<List<String>> PASSWORD_OPTIONS = List.of(
      List.of("services", "openssh", "settings", "PasswordAuthentication"),
      List.of("services", "openssh", "settings", "KbdInteractiveAuthentication"),
      List.of("services", "openssh", "passwordAuthentication"),
      List.of("services", "openssh", "kbdInteractiveAuthentication"));

  @Override
  public String id() {
    return "HL0383";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      String hostPath = SourceMap.path("hosts", hostName);
      check(ctx, hostName, SourceMap.child(hostPath, "nixos"), host.nixos());
      host.services().forEach((name, s) -> check(ctx, hostName, SourceMap.path(hostPath, "services", name, "nixos"), s.nixos()));
    });
  }

  private static void check(RuleContext ctx, String hostName, String at, Map<String, Object> options) {
    for (Map.Entry<String, Object> e : options.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      for (OptionLeaf leaf : OptionLeaf.flatten(NixData.bindings(Map.of(e.getKey(), e.getValue())))) {
        if (PASSWORD_OPTIONS.contains(leaf.path()) && isTrue(leaf.value())) {
          ctx.warning(OptionPlaces.value(at, options, e.getKey(), leaf.path()),
              "`" + String.join(".", leaf.path()) + " = true` lets SSH on host `" + hostName + "` take passwords",
              "remove it: log in with the keys in `admins.<name>.sshKeys`, which homelab installs");
        }
      }
    }
  }

  /** True for {@code true}, also wrapped in a function such as {@code lib.mkForce}. */
  private static boolean isTrue(NixValue v) {
    if (v instanceof NixValue.Apply a) {
      return isTrue(a.argument());
    }
    return v instanceof NixValue.Bool b && b.value();
  }
}
