package dev.homelab.emit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The only writes gen makes: each file goes to a temporary file beside it (fixed prefix
 * {@value #TEMP_PREFIX}) and is renamed over the target, so a reader sees the old file or
 * the new one, never half of either. Reads of the output folder go through here too. Tests
 * substitute a subclass that fails on purpose. Several threads may write different files at
 * once (a fleet's output).
 */
public class FileOps {

  /** Leftovers with this prefix come from a run that was killed; the next run removes them. */
  public static final String TEMP_PREFIX = ".homelab-tmp-";

  /** The copy {@code --force} keeps of what it replaces or removes: {@code <file>.homelab-old}. */
  public static final String OLD_SUFFIX = ".homelab-old";

  /**
   * The folders this instance created: nothing was in them before, so no leftover to remove,
   * and no need to ask again whether they exist (a fleet writes thousands of files into a few
   * hundred folders).
   */
  private final java.util.Set<Path> created = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Replaces {@code target} with {@code bytes} atomically. */
  public void write(Path target, byte[] bytes) throws IOException {
    Path folder = target.getParent();
    boolean fresh = created.contains(folder);
    if (!fresh && !Files.isDirectory(folder)) {
      makeFolders(folder);
      fresh = true;
    }
    Path tmp = target.resolveSibling(TEMP_PREFIX + target.getFileName());
    if (!fresh) {
      // A leftover, whatever it is (even a link), goes; the new one is created fresh.
      Files.deleteIfExists(tmp);
    }
    try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Creates a folder and those above it that are missing, remembering the ones it made. */
  private void makeFolders(Path folder) throws IOException {
    java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
    for (Path p = folder; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    Files.createDirectories(folder);
    created.addAll(missing);
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
