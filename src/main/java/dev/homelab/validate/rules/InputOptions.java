package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.FlakeInput;
import dev.homelab.model.Host;
import dev.homelab.nix.NixData;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * HL0408: an option below a prefix that an input's module declares ({@code flake.inputs.<name>.options})
 * is set in {@code nixos:} only on a host that imports that module ({@code use: [<name>]}):
 * elsewhere NixOS would not know it. On a host that does, the option is left to Nix (the
 * catalog does not hold the input's options; {@link NixosOptions} does not judge it).
 */
public final class InputOptions implements Rule {

  @Override
  public String id() {
    return "HL0408";
  }

  @Override
  public void check(RuleContext ctx) {
    Map<String, FlakeInput> inputs = ctx.spec().flake().inputs();
    if (inputs.isEmpty()) {
      return;
    }
    ctx.hosts().forEach((hostName, host) -> {
      String hostPath = SourceMap.path("hosts", hostName);
      check(ctx, inputs, hostName, host, SourceMap.child(hostPath, "nixos"), host.nixos());
      host.services().forEach((name, s) -> check(ctx, inputs, hostName, host, SourceMap.path(hostPath, "services", name, "nixos"), s.nixos()));
    });
  }

  private static void check(RuleContext ctx, Map<String, FlakeInput> inputs, String hostName, Host host, String at,
      Map<String, Object> options) {
    for (Map.Entry<String, Object> e : options.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      for (OptionLeaf leaf : OptionLeaf.flatten(NixData.bindings(Map.of(e.getKey(), e.getValue())))) {
        String input = declaring(inputs, leaf.path());
        if (input != null && !host.use().contains(input)) {
          ctx.errorAtKey(SourceMap.child(at, e.getKey()), "`" + leaf.dotted() + "` is an option of input `" + input
              + "`, whose module `" + hostName + "` does not import", "add `use: [" + input + "]` to the host");
          break;
        }
      }
    }
  }

  /** The input whose declared prefix holds the path, or null. */
  public static String declaring(Map<String, FlakeInput> inputs, List<String> path) {
    for (Map.Entry<String, FlakeInput> e : inputs.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      for (String prefix : e.getValue().options()) {
        List<String> p = prefix == null ? List.of() : NixData.path(prefix);
        if (!p.isEmpty() && path.size() >= p.size() && path.subList(0, p.size()).equals(p)) {
          return e.getKey();
        }
      }
    }
    return null;
  }
}
