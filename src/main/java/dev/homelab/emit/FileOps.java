package dev.homelab.emit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The only writes gen makes: each file goes to a temporary file beside it (fixed prefix
 * {@value #TEMP_PREFIX}) and is renamed over the target, so a reader sees the old file or
 * the new one, never half of either. Reads of the output folder go through here too. Tests
 * substitute a subclass that fails on purpose.
 */
public class FileOps {

  /** Leftovers with this prefix come from a run that was killed; the next run removes them. */
  public static final String TEMP_PREFIX = ".homelab-tmp-";

  /** The copy {@code --force} keeps of what it replaces or removes: {@code <file>.homelab-old}. */
  public static final String OLD_SUFFIX = ".homelab-old";

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

  /** Reads a file of the output folder (a generated file, the manifest) to compare it. */
  public byte[] read(Path target) throws IOException {
    return Files.readAllBytes(target);
  }

  /** True when files can be created in and removed from this folder. */
  public boolean isWritable(Path folder) {
    return Files.isWritable(folder);
  }

  public void delete(Path target) throws IOException {
    Files.deleteIfExists(target);
  }

  /** Keeps a copy of a file about to be replaced or removed under --force. */
  public void keepOld(Path target) throws IOException {
    write(target.resolveSibling(target.getFileName() + OLD_SUFFIX), Files.readAllBytes(target));
  }
}
