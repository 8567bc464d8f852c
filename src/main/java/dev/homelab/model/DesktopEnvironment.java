package dev.homelab.model;

/** The desktop environment (or Wayland compositor) of a workstation. */
public enum DesktopEnvironment implements Named {
  PLASMA("plasma"),
  GNOME("gnome"),
  HYPRLAND("hyprland"),
  NIRI("niri");

  private final String wire;

  DesktopEnvironment(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
