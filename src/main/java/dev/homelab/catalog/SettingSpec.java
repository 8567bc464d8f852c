package dev.homelab.catalog;

/**
 * One kind-specific setting a spec may give a service: its type ({@code string},
 * {@code integer}, {@code boolean}, {@code list}, {@code secret}), default and meaning; for a
 * secret, who owns its file on the host.
 */
public record SettingSpec(String type, Object defaultValue, String description, String owner, String group) {

  public SettingSpec {
    type = type == null ? "string" : type;
  }
}
