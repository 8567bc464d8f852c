package dev.homelab.plan.lab;

import dev.homelab.model.FlakeInput;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flake inputs the spec adds ({@code flake.inputs}) and nixos-hardware (for a host with
 * {@code hardware.model}): what {@code flake.nix} declares, and what each host's module list
 * takes from them. Names, URLs, module and overlay references were checked by validation
 * (HL0406, HL0407), so the references below are the grammar {@link NixValue.Ref} accepts.
 */
public final class SpecInputs {

  /** The input that provides a host's {@code hardware.model} module. */
  public static final String NIXOS_HARDWARE = "nixos-hardware";

  /** Where nixos-hardware comes from. */
  public static final String NIXOS_HARDWARE_URL = "github:NixOS/nixos-hardware";

  /** An input as flake.nix declares it: its URL, and each of its inputs that follows one of the flake's. */
  public record Declared(String name, String url, List<String> follows) {}

  private SpecInputs() {}

  /** The inputs to declare, in the spec's order, nixos-hardware first when a host names a model. */
  public static List<Declared> declared(Spec spec) {
    List<Declared> out = new ArrayList<>();
    if (spec.hosts().values().stream().anyMatch(h -> h.hardware().model() != null)) {
      out.add(new Declared(NIXOS_HARDWARE, NIXOS_HARDWARE_URL, List.of()));
    }
    spec.flake().inputs().forEach((name, in) -> out.add(new Declared(name, in.url(), in.follows())));
    return out;
  }

  /**
   * What a host's module list takes from these inputs: its hardware model's module, the NixOS
   * module of each input it {@code use}s, and one inline module with their overlays.
   */
  public static List<NixValue> modules(Spec spec, Host host) {
    List<NixValue> out = new ArrayList<>();
    if (host.hardware().model() != null) {
      out.add(new NixValue.Ref(NIXOS_HARDWARE + ".nixosModules." + host.hardware().model()));
    }
    List<NixValue> overlays = new ArrayList<>();
    for (String name : host.use()) {
      FlakeInput in = spec.flake().inputs().get(name);
      if (in == null) {
        continue;
      }
      if (in.modules().nixos() != null) {
        out.add(new NixValue.Ref(in.modules().nixos()));
      }
      if (in.overlay() != null) {
        overlays.add(new NixValue.Ref(in.overlay()));
      }
    }
    if (!overlays.isEmpty()) {
      out.add(new NixValue.Attrs(List.of(Binding.of(List.of("nixpkgs", "overlays"), new NixValue.ListOf(overlays)))));
    }
    return out;
  }

  /** Every option prefix the inputs a host uses declare ({@code flake.inputs.<name>.options}), by input. */
  public static Map<String, List<String>> optionPrefixes(Spec spec, Host host) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    for (String name : host.use()) {
      FlakeInput in = spec.flake().inputs().get(name);
      if (in != null && !in.options().isEmpty()) {
        out.put(name, in.options());
      }
    }
    return out;
  }
}
