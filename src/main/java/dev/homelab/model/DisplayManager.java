package dev.homelab.model;

/** The graphical login: SDDM, GDM, or none (log in on a console and start the session by hand). */
public enum DisplayManager implements Named {
  SDDM("sddm"),
  GDM("gdm"),
  NONE("none");

  private final String wire;

  DisplayManager(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
