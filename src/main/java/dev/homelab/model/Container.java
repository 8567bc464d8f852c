package dev.homelab.model;

import java.util.List;
import java.util.Map;

/**
 * A service the catalog does not know, run as an OCI container (podman): its image, the
 * port its web UI listens on inside the container, volumes ({@code /host:/container[:ro]}),
 * environment, and a secret env file. Its port is published on 127.0.0.1 only, for the proxy.
 * {@code runtime} is {@code oci} (virtualisation.oci-containers, the default) or
 * {@code quadlet} (systemd Quadlet units through the quadlet-nix flake).
 */
public record Container(
    String runtime,
    String image,
    @jakarta.validation.constraints.Min(value = 1, message = "a port is 1 to 65535")
        @jakarta.validation.constraints.Max(value = 65535, message = "a port is 1 to 65535") Integer containerPort,
    List<String> volumes,
    Map<String, String> environment,
    SecretRef environmentFile,
    @jakarta.validation.Valid HealthCheck healthCheck) {

  public Container {
    runtime = runtime == null ? "oci" : runtime;
    volumes = Maps.copy(volumes);
    environment = Maps.copy(environment);
  }
}
