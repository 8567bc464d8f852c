package dev.homelab.model;

/** Slash-separated names: file system paths and ZFS dataset names alike. */
public final class Paths {

  private Paths() {}

  /** True when {@code path} is {@code parent} or lies below it ({@code /} holds every absolute path). */
  public static boolean isAtOrBelow(String path, String parent) {
    return path.equals(parent) || path.startsWith(parent.endsWith("/") ? parent : parent + "/");
  }
}
