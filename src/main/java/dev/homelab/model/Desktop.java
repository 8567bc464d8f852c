package dev.homelab.model;

/**
 * A workstation's graphical session: the desktop environment (KDE Plasma unless the spec
 * names another) and the display manager that logs into it (by default GDM for GNOME, SDDM
 * for the others). A {@code desktop} or {@code laptop} without {@code desktop:} has the defaults.
 */
public record Desktop(DesktopEnvironment environment, DisplayManager displayManager) {

  public Desktop {
    environment = environment == null ? DesktopEnvironment.PLASMA : environment;
    displayManager = displayManager != null ? displayManager
        : environment == DesktopEnvironment.GNOME ? DisplayManager.GDM : DisplayManager.SDDM;
  }
}
