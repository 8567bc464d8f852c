package dev.homelab.emit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The only writes gen makes: each file goes to a temporary file beside it (fixed prefix
 * {@value #TEMP_PREFIX}) and is renamed over the target, so a reader sees the old file or
 * the new one, never half of either. Tests substitute a subclass that fails on purpose.
 */
public class FileOps {

  /** Leftovers with this prefix come from a run that was killed; the next run removes them. */
  public static final String TEMP_PREFIX = ".homelab-tmp-";

  /** Replaces {@code target} with {@code bytes} atomically. */
  public void write(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(TEMP_PREFIX + target.getFileName());
    // A leftover, whatever it is (even a link), goes; the new one is created fresh.
    Files.deleteIfExists(tmp);
    Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE,
        java.nio.file.LinkOption.NOFOLLOW_LINKS);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  public void delete(Path target) throws IOException {
    Files.deleteIfExists(target);
  }

  /** Keeps a copy of a file about to be replaced or removed under --force. */
  public void keepOld(Path target) throws IOException {
    write(target.resolveSibling(target.getFileName() + ".homelab-old"), Files.readAllBytes(target));
  }
}
