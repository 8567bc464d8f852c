package dev.homelab.model;

/** Hardware facts services adapt to: the GPU for video transcoding. */
public record Hardware(Gpu gpu) {

  public Hardware {
    gpu = gpu == null ? Gpu.NONE : gpu;
  }
}
