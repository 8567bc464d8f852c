package dev.homelab.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.cli.Main;
import dev.homelab.emit.Manifest;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output-folder half of the hostile corpus: every {@code .case} file under
 * src/test/resources/hostile/output/ sets up a damaged or hostile output folder, then runs
 * {@code gen -f spec.yaml -o out} on a valid spec. The case's header says what must happen; the
 * run must end with that exit code, name the place and code, print no stack trace, and leave every
 * file and link of the case's folder (the output, and {@code elsewhere/} beside it, which links
 * point to) as it was. Its setup lines, one per line, relative to the case's folder:
 *
 * <pre>
 * remove PATH              delete a file, link or folder (with its contents)
 * mkdir PATH               make a folder (and its parents)
 * write PATH TEXT          write TEXT (\n, \r, \xHH escapes; ${sha256:PATH} is that file's SHA-256)
 * append PATH TEXT         append TEXT the same way
 * link PATH -> TARGET      make a symbolic link (TARGET as written; ${dir} is the case's folder)
 * move PATH -> PATH        move a file or folder
 * cut PATH N               drop the last N bytes of a file
 * chmod PATH MODE          set a file's or folder's mode (octal, e.g. 555)
 * </pre>
 *
 * <p>{@code # output: DIR} gives {@code -o} another value (absolute, or relative to the case's
 * folder); {@code # args:} adds arguments. Before the setup, {@code out/} holds a real previous
 * output of the minimal spec and a hand-written {@code NOTES.md}; {@code elsewhere/} holds a file
 * {@code passwd}.
 *
 * <p>A case that takes a write permission away ({@code chmod}) must meet a process the file
 * system refuses: root ignores modes, so when the tests run as root such a case runs gen in a
 * child JVM without root's power over file permissions ({@code setpriv} drops CAP_DAC_OVERRIDE),
 * and is skipped, saying so, when {@code setpriv} is missing.
 */
class OutputCorpusTest {

  private static final Path CORPUS = Path.of("src/test/resources/hostile/output");
  private static final Pattern EXPECT = Pattern.compile("^# expect: exit (\\d+)(.*)$");
  private static final Pattern SHA = Pattern.compile("\\$\\{sha256:([^}]+)}");

  @TempDir static Path previous;

  @BeforeAll
  static void previousOutput() throws IOException {
    Cli.gen(previous, Specs.MINIMAL);
    Files.writeString(previous.resolve("out/NOTES.md"), "hand-written, not generated\n");
  }

  @TestFactory
  Stream<DynamicTest> everyHostileOutputFolderIsRefusedCleanly(@TempDir Path root) throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(CORPUS)) {
      cases = s.filter(p -> p.getFileName().toString().endsWith(".case")).sorted().toList();
    }
    assertThat(cases).as("output corpus size").hasSizeGreaterThanOrEqualTo(15);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
        () -> runCase(c, Files.createDirectory(root.resolve(c.getFileName().toString())))));
  }

  private void runCase(Path file, Path dir) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int exit = -1;
    List<String> fragments = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    String output = "out";
    List<String> setup = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("#")) {
        Matcher e = EXPECT.matcher(line);
        if (e.matches()) {
          exit = Integer.parseInt(e.group(1));
          Arrays.stream(e.group(2).split(",")).map(String::strip).filter(t -> !t.isEmpty()).forEach(fragments::add);
        } else if (line.startsWith("# args: ")) {
          extra.addAll(List.of(line.substring("# args: ".length()).strip().split(" +")));
        } else if (line.startsWith("# output: ")) {
          output = line.substring("# output: ".length()).strip();
        }
      } else if (!line.isBlank()) {
        setup.add(line);
      }
    }
    assertThat(exit).as("%s has no `# expect: exit N` header", file).isNotNegative();
    Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    HostileCorpusTest.copyTree(previous.resolve("out"), dir.resolve("out"));
    Specs.write(dir, "elsewhere/passwd", "root:x:0:0:root:/root:/bin/sh\n");
    boolean dropsPermission = false;
    for (String step : setup) {
      dropsPermission |= step.startsWith("chmod ");
      apply(dir, step);
    }
    Path out = output.startsWith("/") ? Path.of(output) : dir.resolve(output);
    Map<String, String> before = HostileCorpusTest.hashes(dir);
    Map<String, Boolean> beside = outsideTheCase(out, dir);

    List<String> args = new ArrayList<>(List.of("gen", "-f", dir.resolve("spec.yaml").toString(), "-o", out.toString()));
    args.addAll(extra);
    try {
      Cli.Run run;
      if (dropsPermission && isRoot()) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
            "running as root, where a mode does not stop a write, and without setpriv to drop that power: skipped");
        run = unprivileged(args);
      } else {
        run = Cli.run(args.toArray(String[]::new));
      }
      assertThat(run.exit()).as(run.all()).isEqualTo(exit);
      for (String f : fragments) {
        assertThat(run.all()).as("message names %s", f).contains(f);
      }
      assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
    } finally {
      restoreModes(dir);
    }
    assertThat(HostileCorpusTest.hashes(dir)).as("nothing may change, inside or outside the output").isEqualTo(before);
    assertThat(outsideTheCase(out, dir)).as("nothing may appear in an output outside the case's folder").isEqualTo(beside);
  }

  /** For an output outside the case's folder (such as `/`): whether gen's files are there. */
  private static Map<String, Boolean> outsideTheCase(Path out, Path dir) {
    Map<String, Boolean> there = new LinkedHashMap<>();
    if (!out.toAbsolutePath().normalize().startsWith(dir)) {
      for (String name : List.of("flake.nix", Manifest.NAME, "hosts", "secrets", ".sops.yaml")) {
        there.put(name, Files.exists(out.resolve(name), LinkOption.NOFOLLOW_LINKS));
      }
    }
    return there;
  }

  private static void apply(Path dir, String step) throws IOException {
    String[] w = step.split(" ", 3);
    Path p = dir.resolve(w[1]);
    switch (w[0]) {
      case "remove" -> delete(p);
      case "mkdir" -> Files.createDirectories(p);
      case "write" -> {
        Files.createDirectories(p.getParent());
        Files.write(p, bytes(dir, w[2]));
      }
      case "append" -> Files.write(p, bytes(dir, w[2]), java.nio.file.StandardOpenOption.APPEND);
      case "link" -> {
        delete(p);
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(w[2].substring(3).replace("${dir}", dir.toString())));
      }
      case "move" -> Files.move(p, dir.resolve(w[2].substring(3)), LinkOption.NOFOLLOW_LINKS);
      case "cut" -> {
        byte[] b = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(b, b.length - Integer.parseInt(w[2])));
      }
      case "chmod" -> Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode(w[2])));
      default -> throw new IllegalArgumentException("unknown setup step: " + step);
    }
  }

  private static byte[] bytes(Path dir, String text) throws IOException {
    Matcher m = SHA.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Manifest.sha256(Files.readString(dir.resolve(m.group(1)))));
    }
    m.appendTail(b);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    String s = b.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> out.write('\n');
          case 'r' -> out.write('\r');
          case 'x' -> {
            out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
            i += 2;
          }
          default -> out.write(n);
        }
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static String mode(String octal) {
    int m = Integer.parseInt(octal, 8);
    String rwx = "rwxrwxrwx";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      b.append((m & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return b.toString();
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.list(p)) {
        for (Path c : (Iterable<Path>) s::iterator) {
          delete(c);
        }
      }
    }
    Files.delete(p);
  }

  /** Gives every folder of the case its owner's full access back, so that it can be compared and deleted. */
  private static void restoreModes(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs gen in a child JVM that the file system refuses as it would refuse a user other than root. */
  private static Cli.Run unprivileged(List<String> args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search", java,
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("gen finished").isTrue();
    return new Cli.Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
