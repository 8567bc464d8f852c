package dev.homelab.model;

/**
 * Hardware facts services adapt to: the GPU for video transcoding; the machine's model as
 * nixos-hardware names its module ({@code raspberry-pi-4}), which the host then imports.
 */
public record Hardware(Gpu gpu, String model) {

  public Hardware {
    gpu = gpu == null ? Gpu.NONE : gpu;
  }
}
