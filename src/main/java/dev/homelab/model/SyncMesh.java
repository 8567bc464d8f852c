package dev.homelab.model;

import jakarta.validation.Valid;
import java.util.Map;

/**
 * The Syncthing mesh: the device of each host that takes part (by host name) and the folders
 * shared between them (by folder id, the same on every device).
 */
public record SyncMesh(Map<String, @Valid SyncDevice> devices, Map<String, @Valid SyncFolder> folders) {

  public SyncMesh {
    devices = Maps.copy(devices);
    folders = Maps.copy(folders);
  }
}
