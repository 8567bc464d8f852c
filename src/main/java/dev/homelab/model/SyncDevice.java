package dev.homelab.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * A host's Syncthing device: its device id (what {@code syncthing --device-id} prints: eight
 * groups of seven base32 characters), the addresses its peers dial (default: its host name
 * over the tailnet when both are on it, else discovery), and the person it runs as (their
 * files, their home for {@code ~/}; default the service user {@code syncthing}).
 */
public record SyncDevice(
    @NotBlank(message = "a device needs its `id`, as `syncthing --device-id` prints it on the host")
        @Pattern(regexp = "[A-Z2-7]{7}(-[A-Z2-7]{7}){7}",
            message = "not a Syncthing device id: eight groups of seven characters A-Z and 2-7, joined by `-`")
        String id,
    List<@Pattern(regexp = "(tcp|tcp4|tcp6|quic|quic4|quic6|relay)://[^\\s]+|dynamic", message = "not a Syncthing address such as `tcp://nas.lan:22000` or `dynamic`") String> addresses,
    String user) {

  public SyncDevice {
    addresses = Maps.copy(addresses);
  }
}
