package dev.homelab.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine models nixos-hardware has a NixOS module for ({@code nixosModules.<model>}),
 * vendored from its flake.nix ({@code dev/homelab/nixos-hardware/models.txt} names the
 * revision), read the first time a spec names a model.
 */
public final class HardwareModels {

  private static final String RESOURCE = "dev/homelab/nixos-hardware/models.txt";

  /** The Raspberry Pi models a 64-bit NixOS (aarch64-linux) runs on. */
  public static final List<String> AARCH64_PIS = List.of("raspberry-pi-3", "raspberry-pi-4", "raspberry-pi-5");

  private HardwareModels() {}

  private static final class Shared {
    static final List<String> ALL = load();
  }

  /** Every model name, sorted. */
  public static List<String> all() {
    return Shared.ALL;
  }

  /** True for a Raspberry Pi board's module. */
  public static boolean isPi(String model) {
    return model.matches("raspberry-pi-\\d+");
  }

  private static List<String> load() {
    var in = HardwareModels.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing " + RESOURCE);
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }
}
