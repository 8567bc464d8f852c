package dev.homelab.emit;

import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code gen -o DIR} is given, judged before anything else happens (before the spec is
 * read, before the lock is taken, before any file is looked at inside): a path that is not a
 * folder (HL0511), or a folder of the operating system itself, such as {@code /} or {@code /etc},
 * directly or through a link (HL0512). Generating into the root of the file system would put
 * {@code flake.nix}, {@code hosts/} and the manifest beside the system's own folders.
 */
public final class OutputFolder {

  /**
   * Folders of the system: generating into one of them (not below it) is refused. A folder
   * below one of them ({@code /srv/lab}, {@code /etc/nixos}) is the user's choice.
   */
  static final List<String> SYSTEM = List.of("/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/nix",
      "/nix/store", "/nix/var", "/proc", "/run", "/sbin", "/sys", "/usr", "/var");

  private OutputFolder() {}

  /** Refuses an output that is not a folder, or is a system folder; returns it as gen uses it otherwise. */
  public static Path check(Path output) throws SpecException {
    Path root = output.toAbsolutePath().normalize();
    String shown = output.toString();
    Diagnostics refused = new Diagnostics();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      refused.error("HL0511", "the output `" + shown + "` is not a folder", new Span(shown, 0, 0, 0),
          "give -o a folder (it is made when missing); nothing was written");
      throw new SpecException(refused);
    }
    String system = systemFolder(root);
    if (system != null) {
      String what = system.equals(root.toString()) ? "is the system folder" : "leads through a link to the system folder";
      refused.error("HL0512", "the output `" + shown + "` " + what + " `" + system + "`: gen does not write into it",
          new Span(shown, 0, 0, 0),
          "give -o a folder of its own, such as ./lab or /srv/lab; nothing was read or written there");
      throw new SpecException(refused);
    }
    return root;
  }

  /** The system folder the output is, by its name or its real path; null when it is none. */
  private static String systemFolder(Path root) {
    if (SYSTEM.contains(root.toString())) {
      return root.toString();
    }
    try {
      if (Files.exists(root)) {
        String real = root.toRealPath().toString();
        if (SYSTEM.contains(real)) {
          return real;
        }
      }
    } catch (IOException e) {
      // Not resolvable: the writes themselves will say what is wrong.
    }
    return null;
  }
}
