package dev.homelab.catalog;

/**
 * A kind's NixOS module renamed in a release ({@code renamed:} in its descriptor): from
 * {@code release} on, the module is {@code services.<to>} and its unit {@code <to>.service}
 * where earlier releases have {@code services.<from>} and {@code <from>.service}. The
 * descriptor keeps writing the old name; the planner writes the name the lab's release has.
 */
public record Renamed(String release, String from, String to) {

  public Renamed {
    if (release == null || from == null || to == null) {
      throw new IllegalArgumentException("renamed needs release, from and to");
    }
  }
}
