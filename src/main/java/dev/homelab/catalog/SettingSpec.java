package dev.homelab.catalog;

/**
 * One kind-specific setting a spec may give a service: its type ({@code string},
 * {@code integer}, {@code boolean}, {@code list}, {@code secret}), default and meaning; for a
 * secret, who owns its file on the host. {@code onlyWith} names a kind: the setting matters
 * only on a host that also runs a service of that kind (Authelia's LDAP password with LLDAP),
 * so its default secret need not be declared elsewhere; {@code !kind}, only on a host that
 * runs none (Authelia's users file without LLDAP).
 */
public record SettingSpec(String type, Object defaultValue, String description, String owner, String group, String onlyWith) {

  public SettingSpec {
    type = type == null ? "string" : type;
  }
}
