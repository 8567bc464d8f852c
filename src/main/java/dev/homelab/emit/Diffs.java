package dev.homelab.emit;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unified diff of what a run would change, file by file, as {@code diff -u} and git print
 * it: {@code a/} the folder as it is, {@code b/} as gen would leave it, {@code /dev/null} for a
 * file created or removed. Applied with {@code patch -p1} in the output folder it turns the
 * folder into what gen would write.
 */
public final class Diffs {

  /** Lines of context around each change, as diff -u. */
  static final int CONTEXT = 3;

  private static final String NO_NEWLINE = "\\ No newline at end of file";

  /** Ends the last line of a text that has no final newline, so the diff can say so. */
  private static final String MARK = "\u0000";

  private Diffs() {}

  /**
   * The diff lines of each changed path, in the order of {@code changes}; {@code planned}
   * holds the text gen would write for each path it writes.
   */
  public static List<String> of(Path root, List<Change> changes, Map<String, String> planned) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Change change : changes) {
      String path = change.path();
      switch (change.action()) {
        case UNCHANGED -> {
          continue;
        }
        case CREATE, CREATE_ONCE -> lines.addAll(diff("/dev/null", "b/" + path, "", planned.get(path)));
        case UPDATE -> lines.addAll(diff("a/" + path, "b/" + path, read(root, path), planned.get(path)));
        case REMOVE -> lines.addAll(diff("a/" + path, "/dev/null", read(root, path), ""));
        default -> throw new IllegalStateException("unknown change " + change.action());
      }
    }
    return lines;
  }

  /** One file's diff: its two header lines and its hunks; none when the texts are equal. */
  public static List<String> diff(String from, String to, String before, String after) {
    List<String> old = split(before);
    List<String> now = split(after);
    Patch<String> patch = DiffUtils.diff(old, now);
    List<String> out = new ArrayList<>();
    for (String line : UnifiedDiffUtils.generateUnifiedDiff(from, to, old, patch, CONTEXT)) {
      out.add(line.startsWith("@@") ? range(line) : line);
      // A last line without its newline, on either side, is marked as diff marks it.
      if (line.endsWith(MARK)) {
        out.set(out.size() - 1, line.substring(0, line.length() - MARK.length()));
        out.add(NO_NEWLINE);
      }
    }
    return out;
  }

  private static final Pattern HUNK = Pattern.compile("@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@");

  /**
   * A hunk header as diff -u writes it: an empty range starts at the line before it (0 at the
   * top of the file), where the library counts the line after.
   */
  private static String range(String header) {
    Matcher m = HUNK.matcher(header);
    if (!m.matches()) {
      return header;
    }
    return "@@ -" + start(m.group(1), m.group(2)) + "," + m.group(2) + " +" + start(m.group(3), m.group(4)) + ","
        + m.group(4) + " @@";
  }

  private static int start(String start, String length) {
    int at = Integer.parseInt(start);
    return length.equals("0") ? at - 1 : at;
  }

  /** A text's lines; a last line without a newline carries {@link #MARK}. */
  private static List<String> split(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    } else {
      lines.set(lines.size() - 1, lines.get(lines.size() - 1) + MARK);
    }
    return lines;
  }

  private static String read(Path root, String path) throws IOException {
    Path file = root.resolve(path);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return "";
    }
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
