package dev.homelab.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.homelab.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a shell session as a user types it: its lines run under bash in a folder, with a
 * {@code homelab} command that runs this build's command line.
 *
 * <p>{@code homelab} is a bash function that hands its arguments and working folder over a
 * pipe to the test's JVM, which runs {@link Main#run} in-process (no JVM start per call) and
 * hands back both streams and the exit code. A JVM cannot change its working folder, so the
 * paths given to {@code -f} and {@code -o} are resolved against the session's folder, and that
 * folder is taken out of what the command prints again, as a run there would print it; every
 * call must therefore name its spec with {@code -f}, and {@code gen} its output with {@code -o}.
 *
 * <p>{@code unprivileged}: the session shows what happens to a user other than root (a file
 * they may not read, a folder they may not write). Run as root, {@code homelab} is then a
 * child JVM without root's power to ignore file permissions ({@code setpriv} drops
 * CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so the file system refuses it as it would refuse
 * a user.
 */
public final class Sessions {

  /** What the session printed, and the exit code of its last line. */
  public record Result(int exit, String out, String err) {}

  private static final Set<String> PATH_OPTIONS = Set.of("-f", "--file", "-o", "--output");

  private Sessions() {}

  public static Result run(Path dir, String session, boolean unprivileged) {
    Path pipes;
    try {
      pipes = Files.createTempDirectory("homelab-session");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return run(dir, session, unprivileged, pipes);
    } finally {
      deleteQuietly(pipes);
      // Leave the folder deletable whatever the session changed (chmod 000, a-w).
      exec(List.of("chmod", "-R", "u+rwX", dir.toString()));
    }
  }

  private static Result run(Path dir, String session, boolean unprivileged, Path pipes) {
    Path request = pipes.resolve("request");
    Path response = pipes.resolve("response");
    exec(List.of("mkfifo", request.toString(), response.toString()));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String prelude = String.join("\n",
        "homelab() {",
        "  printf '%s\\0' \"$PWD\" \"$@\" >\"$HOMELAB_REQUEST\"",
        "  local code",
        "  read -r code <\"$HOMELAB_RESPONSE\"",
        "  cat \"$HOMELAB_OUT\"",
        "  cat \"$HOMELAB_ERR\" >&2",
        "  return \"$code\"",
        "}",
        "if [ -n \"$HOMELAB_UNPRIVILEGED\" ] && [ \"$(id -u)\" = 0 ]; then",
        "  homelab() {",
        "    setpriv --bounding-set=-dac_override,-dac_read_search \"$HOMELAB_JAVA\" -XX:TieredStopAtLevel=1 \\",
        "      -XX:+UseSerialGC -cp \"$HOMELAB_CLASSPATH\" " + Main.class.getName() + " \"$@\"",
        "  }",
        "fi",
        "");
    ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-c", prelude + session)
        .directory(dir.toFile());
    pb.environment().put("HOMELAB_REQUEST", request.toString());
    pb.environment().put("HOMELAB_RESPONSE", response.toString());
    pb.environment().put("HOMELAB_OUT", pipes.resolve("out").toString());
    pb.environment().put("HOMELAB_ERR", pipes.resolve("err").toString());
    pb.environment().put("HOMELAB_JAVA", java);
    pb.environment().put("HOMELAB_CLASSPATH", absolute(System.getProperty("java.class.path")));
    if (unprivileged) {
      pb.environment().put("HOMELAB_UNPRIVILEGED", "1");
    }
    pb.environment().put("LC_ALL", "C");

    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread server = new Thread(() -> serve(request, response, pipes, failure), "homelab-session");
    server.setDaemon(true);
    server.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    server.start();
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      StringBuilder err = new StringBuilder();
      Thread errReader = new Thread(() -> {
        try {
          err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          failure.set(e);
        }
      });
      errReader.setDaemon(true);
      errReader.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("the session did not finish within 120 s");
      }
      errReader.join(10_000);
      // The end: an empty request stops the server (it waits for the next one).
      Thread stop = new Thread(() -> {
        try {
          Files.write(request, new byte[0]);
        } catch (IOException e) {
          failure.compareAndSet(null, e);
        }
      });
      stop.setDaemon(true);
      stop.start();
      server.join(10_000);
      if (failure.get() != null) {
        throw new AssertionError("the homelab command of the session failed", failure.get());
      }
      if (server.isAlive()) {
        fail("the homelab command of the session did not stop");
      }
      return new Result(p.exitValue(), out, err.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Answers the session's homelab calls until it sends an empty request. A call the harness
   * cannot run is recorded as the session's failure and answered with exit code 125, so the
   * session goes on and ends.
   */
  private static void serve(Path request, Path response, Path pipes, AtomicReference<Throwable> failure) {
    try {
      while (true) {
        byte[] bytes = Files.readAllBytes(request);
        if (bytes.length == 0) {
          return;
        }
        List<String> words = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\0", -1)));
        words.remove(words.size() - 1);
        String pwd = words.remove(0);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
          code = Main.run(new PrintWriter(out), new PrintWriter(err), resolved(pwd, words));
        } catch (RuntimeException | AssertionError e) {
          failure.compareAndSet(null, e);
          err.write("homelab (test harness): " + e.getMessage() + "\n");
          code = 125;
        }
        Files.writeString(pipes.resolve("out"), out.toString().replace(pwd + "/", ""));
        Files.writeString(pipes.resolve("err"), err.toString().replace(pwd + "/", ""));
        Files.writeString(response, code + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary folder of pipes: left for the system to clean.
    }
  }

  /** The options of {@code homelab init} that take a value. */
  private static final Set<String> INIT_OPTIONS = Set.of("--domain", "--host", "--name", "--service");

  /** {@code homelab init DIR}: DIR resolved against the session's folder, which it must name. */
  public static String[] initResolved(String pwd, List<String> args) {
    List<String> out = new ArrayList<>(args);
    for (int i = 1; i < out.size(); i++) {
      String a = out.get(i);
      if (INIT_OPTIONS.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        out.set(i, Path.of(a).isAbsolute() ? a : pwd + "/" + a);
        return out.toArray(String[]::new);
      }
    }
    if (args.contains("--help") || args.contains("-h")) {
      return out.toArray(String[]::new);
    }
    throw new AssertionError("a homelab init in a session names its folder: " + args);
  }

  /** The arguments with the paths of -f and -o resolved against the session's folder. */
  static String[] resolved(String pwd, List<String> args) {
    if (!args.isEmpty() && args.get(0).equals("init")) {
      return initResolved(pwd, args);
    }
    List<String> out = new ArrayList<>();
    boolean file = false;
    boolean output = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      out.add(a);
      if (PATH_OPTIONS.contains(a) && i + 1 < args.size()) {
        String value = args.get(++i);
        out.add(Path.of(value).isAbsolute() ? value : pwd + "/" + value);
        file |= a.equals("-f") || a.equals("--file");
        output |= a.equals("-o") || a.equals("--output");
      } else if (a.startsWith("--file=") || a.startsWith("--output=")) {
        throw new AssertionError("write `" + a.replace("=", " ") + "` in a session: " + args);
      }
    }
    if (!args.isEmpty() && (args.contains("validate") || args.contains("gen")) && !file) {
      throw new AssertionError("a homelab call in a session names its spec with -f: " + args);
    }
    if (args.contains("gen") && !output) {
      throw new AssertionError("a homelab gen in a session names its output with -o: " + args);
    }
    return out.toArray(String[]::new);
  }

  private static void exec(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(command + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The class path with every entry made absolute, for a child started elsewhere. */
  private static String absolute(String classpath) {
    StringBuilder b = new StringBuilder();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        b.append(b.length() == 0 ? "" : File.pathSeparator).append(Path.of(entry).toAbsolutePath());
      }
    }
    return b.toString();
  }
}
