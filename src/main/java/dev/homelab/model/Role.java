package dev.homelab.model;

/**
 * What a machine is for; each role brings its defaults ({@code hosts/<host>/role.nix}).
 * {@code darwin} is accepted here; a darwin host is recognised by its {@code system}.
 */
public enum Role implements Named {
  SERVER("server"),
  NAS("nas"),
  DESKTOP("desktop"),
  LAPTOP("laptop"),
  PI("pi"),
  VM("vm"),
  DARWIN("darwin");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  /** A machine someone sits at: a desktop environment, audio, printing, bluetooth. */
  public boolean isWorkstation() {
    return this == DESKTOP || this == LAPTOP;
  }

  /** A machine nobody sits at, where a desktop environment needs {@code force: [desktop]}. */
  public boolean isHeadless() {
    return this == SERVER || this == NAS || this == PI;
  }
}
