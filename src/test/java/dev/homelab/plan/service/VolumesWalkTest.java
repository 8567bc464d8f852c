package dev.homelab.plan.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The walk for containers' volumes leaves a descriptor's key only where nothing below it can
 * be a container's volumes: every prefix of a volumes path is walked into, other trees not.
 */
class VolumesWalkTest {

  @Test
  void everyPrefixOfAVolumesPathIsWalkedIntoAndOtherTreesAreNot() {
    for (List<String> volumes : List.of(List.of("virtualisation", "oci-containers", "containers", "deluge", "volumes"),
        List.of("virtualisation", "quadlet", "containers", "tdarr", "containerConfig", "volumes"))) {
      assertThat(ServicePlanner.isVolumes(volumes)).isTrue();
      for (int n = 1; n <= volumes.size(); n++) {
        assertThat(ServicePlanner.towardsVolumes(volumes.subList(0, n))).as("%s", volumes.subList(0, n)).isTrue();
      }
    }
    assertThat(ServicePlanner.towardsVolumes(List.of("services", "immich"))).isFalse();
    assertThat(ServicePlanner.towardsVolumes(List.of("virtualisation", "podman"))).isFalse();
    assertThat(ServicePlanner.towardsVolumes(List.of("virtualisation", "oci-containers", "backend"))).isFalse();
    assertThat(ServicePlanner.towardsVolumes(List.of("virtualisation", "quadlet", "containers", "a", "containerConfig", "volumes", "x")))
        .isFalse();
  }
}
