package dev.homelab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Folder trees as sorted maps, to assert that a run wrote exactly what it should, or nothing. */
public final class Trees {

  private Trees() {}

  /**
   * Every file and link under {@code root} (not following links), by path relative to it
   * with forward slashes: a file's text, a link as {@code -> target}, an empty folder as
   * {@code <dir>}. A missing root is an empty map.
   */
  public static Map<String, String> snapshot(Path root) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.equals(root)) {
          continue;
        }
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          try (Stream<Path> children = Files.list(p)) {
            if (children.findAny().isEmpty()) {
              out.put(rel + "/", "<dir>");
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Reads a file under {@code root} as UTF-8. */
  public static String read(Path root, String relative) {
    try {
      return Files.readString(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes (or replaces) a file under {@code root}, creating its folders. */
  public static void write(Path root, String relative, String text) {
    Specs.write(root, relative, text);
  }
}
