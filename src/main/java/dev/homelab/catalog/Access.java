package dev.homelab.catalog;

/**
 * What a kind does on its first start and behind the proxy, checked against the module and
 * the application for every kind ({@code access:} in its descriptor), and what the generated
 * output does about each point. Shown by {@code homelab catalog show} and in docs/catalog.md.
 *
 * <ul>
 *   <li>{@code credentials}: a default login, password or token the application ships with.
 *   <li>{@code firstUse}: whether the first visitor of its web UI becomes its admin.
 *   <li>{@code auth}: whether it runs without authentication.
 *   <li>{@code folders}: folders it needs that its module does not create.
 *   <li>{@code umask}: the umask its unit runs with, where files are shared through a group.
 *   <li>{@code clientAddress}: how it learns a client's address behind the proxy.
 * </ul>
 */
public record Access(String credentials, String firstUse, String auth, String folders, String umask, String clientAddress) {

  /** The points in the order the catalog page lists them, with their column titles. */
  public java.util.List<java.util.Map.Entry<String, String>> points() {
    return java.util.List.of(
        java.util.Map.entry("default credentials", text(credentials)),
        java.util.Map.entry("first visitor", text(firstUse)),
        java.util.Map.entry("without login", text(auth)),
        java.util.Map.entry("folders", text(folders)),
        java.util.Map.entry("umask", text(umask)),
        java.util.Map.entry("client address", text(clientAddress)));
  }

  private static String text(String s) {
    return s == null ? "" : s.strip();
  }
}
