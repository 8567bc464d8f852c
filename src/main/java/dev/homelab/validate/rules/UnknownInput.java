package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.diag.Suggest;
import dev.homelab.model.FlakeInput;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HL0407: the inputs a host {@code use}s and those an input {@code follows} are inputs of the
 * flake (the spec's own, or {@code nixpkgs} for {@code follows}), with the closest name when
 * one is misspelt; and an input a host uses gives it something (a NixOS module or an overlay).
 */
public final class UnknownInput implements Rule {

  @Override
  public String id() {
    return "HL0407";
  }

  @Override
  public void check(RuleContext ctx) {
    Map<String, FlakeInput> inputs = ctx.spec().flake().inputs();
    ctx.hosts().forEach((name, host) -> {
      List<String> use = host.use();
      for (int i = 0; i < use.size(); i++) {
        String u = use.get(i);
        String at = SourceMap.path("hosts", name, "use") + "[" + i + "]";
        FlakeInput in = inputs.get(u);
        if (in == null) {
          String hint = Suggest.didYouMean(String.valueOf(u), inputs.keySet());
          ctx.error(at, "`" + u + "` is not an input of `flake.inputs`", hint != null ? hint
              : inputs.isEmpty() ? "declare it under `flake: { inputs: { " + u + ": { url: ... } } }`"
              : "inputs: " + String.join(", ", inputs.keySet()));
        } else if (in.modules().nixos() == null && in.overlay() == null) {
          ctx.error(at, "input `" + u + "` gives no NixOS module and no overlay: `" + name + "` has nothing to take from it",
              "add `modules: { nixos: ... }` or `overlay: ...` to the input, or drop it from `use`");
        }
      }
    });
    inputs.forEach((name, in) -> {
      if (in == null) {
        return;
      }
      List<String> known = new ArrayList<>(List.of("nixpkgs"));
      inputs.keySet().stream().filter(n -> !n.equals(name)).forEach(known::add);
      List<String> follows = in.follows();
      for (int i = 0; i < follows.size(); i++) {
        String f = follows.get(i);
        if (!known.contains(f)) {
          String hint = Suggest.didYouMean(String.valueOf(f), known);
          ctx.error(SourceMap.path("flake", "inputs", name, "follows") + "[" + i + "]",
              "`" + f + "` is not an input of the flake, so `" + name + "` cannot follow it",
              hint != null ? hint : "an input follows `nixpkgs` or another input of `flake.inputs`");
        }
      }
    });
  }
}
