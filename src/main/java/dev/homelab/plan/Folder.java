package dev.homelab.plan;

import dev.homelab.plan.quote.Shell;
import dev.homelab.plan.quote.Tmpfiles;

/**
 * A folder something on the host writes into, made before it runs with its owner and mode: a
 * backup repository's, or a container volume's host side. On a dataset the datasets unit makes
 * it once the dataset is mounted ({@link #install()}, after the mounts of that run); elsewhere a
 * tmpfiles rule ({@link #tmpfilesRule()}). {@code writer} names what writes it.
 */
public record Folder(String path, String user, String group, String mode, String writer) {

  /** A folder owned by one user and its group of the same name. */
  public static Folder of(String path, String owner, String mode, String writer) {
    return new Folder(path, owner, owner, mode, writer);
  }

  public String tmpfilesRule() {
    return Tmpfiles.line("d", path, mode, user, group, "-");
  }

  public String install() {
    return "install -d -o " + Shell.word(user) + " -g " + Shell.word(group) + " -m " + Shell.word(mode) + " " + Shell.word(path);
  }
}
