package dev.homelab.emit;

import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Span;
import dev.homelab.diag.SpecException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Makes runs of {@code gen} on one output folder take turns: the second waits for the first to
 * finish (up to a limit), then is refused (HL0509) rather than interleaving its writes with the
 * first's. The lock is the operating system's lock on a file kept outside the folder (in the
 * temporary directory, named by a hash of the folder's real path), so nothing appears in the
 * user's repository and a run that is killed releases it with its process.
 */
public final class OutputLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the folder {@code root}, waiting up to {@code wait} while another run holds
   * it; {@code waiting} is called once if it has to wait.
   */
  public static OutputLock take(Path root, Duration wait, Runnable waiting) throws SpecException, IOException {
    Path file = lockFile(root);
    Files.createDirectories(file.getParent());
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    try {
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
          lock = null;
        }
        if (lock != null) {
          return new OutputLock(channel, lock);
        }
        if (System.nanoTime() >= deadline) {
          channel.close();
          Diagnostics refused = new Diagnostics();
          refused.add(Diagnostic.error("HL0509", "another `homelab gen` is writing to " + root
                  + " and did not finish within " + wait.toSeconds() + " s",
              new Span(root.toString(), 0, 0, 0),
              "wait for it to finish (or stop it) and run gen again; a run that was killed releases the folder at once"));
          throw new SpecException(refused);
        }
        if (!told) {
          waiting.run();
          told = true;
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      channel.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the output folder", e);
    }
  }

  /** The lock's file: the same for every path that leads to the same folder. */
  static Path lockFile(Path root) throws IOException {
    Path real = realOrNearest(root.toAbsolutePath().normalize());
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(real.toString().getBytes(StandardCharsets.UTF_8));
      String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
      return Path.of(System.getProperty("java.io.tmpdir"), "homelab-" + user, HexFormat.of().formatHex(hash, 0, 16) + ".lock");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The real path of the folder, or of its nearest existing parent with the rest appended. */
  private static Path realOrNearest(Path p) throws IOException {
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return p;
    }
    return existing.toRealPath().resolve(existing.relativize(p));
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
