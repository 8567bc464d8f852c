package dev.homelab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Tool;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/release/release.sh with --no-build: it writes the jar named by the pom's version with a
 * checksum file sha256sum accepts, and refuses a jar that reports another version.
 *
 * <p>The jar released is a runnable one whose manifest puts this build's classes on the class
 * path, so the script's version check runs the real command line.
 */
class ReleaseScriptTest {

  private static final Path SCRIPT = Path.of("src/release/release.sh").toAbsolutePath();

  @TempDir
  Path tmp;

  private String version;

  @BeforeEach
  void pomVersion() throws Exception {
    Tool.require("sha256sum", "coreutils");
    Matcher m = Pattern.compile("<artifactId>homelab</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).isTrue();
    version = m.group(1);
  }

  /** A jar that runs dev.homelab.cli.Main from this test's class path. */
  private Path runnableJar() throws Exception {
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(Attributes.Name.MAIN_CLASS, "dev.homelab.cli.Main");
    List<String> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
    }
    a.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    Path jar = tmp.resolve("homelab.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
      // the manifest is the whole jar
    }
    return jar;
  }

  private Proc.Result release(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    return Proc.run(tmp, Map.of("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()), command);
  }

  @Test
  void writesTheVersionedJarAndAChecksumSha256sumAccepts() throws Exception {
    Path jar = runnableJar();
    Path out = tmp.resolve("dist");
    Proc.Result r = release("--no-build", "--jar", jar.toString(), "-o", out.toString());
    assertThat(r.exit()).as(r.all()).isZero();
    Path released = out.resolve("homelab-" + version + ".jar");
    Path sum = out.resolve("homelab-" + version + ".jar.sha256");
    assertThat(r.out()).isEqualTo(released + "\n" + sum + "\n");
    assertThat(Files.readAllBytes(released)).isEqualTo(Files.readAllBytes(jar));
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    assertThat(Files.readString(sum)).isEqualTo(digest + "  homelab-" + version + ".jar\n");

    Proc.Result check = Proc.run(out, "sha256sum", "-c", sum.getFileName().toString());
    assertThat(check.exit()).as(check.all()).isZero();
    Files.write(released, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(Proc.run(out, "sha256sum", "-c", sum.getFileName().toString()).exit()).isNotZero();
  }

  @Test
  void aJarOfAnotherVersionIsRefusedAndNothingIsWritten() throws Exception {
    Path jar = runnableJar();
    Path fakeJava = tmp.resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\necho 'homelab 0.0.1-old'\n");
    fakeJava.toFile().setExecutable(true);
    Path out = tmp.resolve("dist");
    Proc.Result r = Proc.run(tmp, Map.of("JAVA", fakeJava.toString()),
        List.of("bash", SCRIPT.toString(), "--no-build", "--jar", jar.toString(), "-o", out.toString()));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("reports `homelab 0.0.1-old`", "the pom says `homelab " + version + "`", "rebuild");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingJarIsNamedAndAnUnknownArgumentIsAUsageError() {
    Proc.Result missing = release("--no-build", "--jar", tmp.resolve("none.jar").toString(), "-o", tmp.resolve("d").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("none.jar is missing");
    assertThat(tmp.resolve("d")).doesNotExist();

    Proc.Result unknown = release("--frobnicate");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown argument `--frobnicate`", "usage:");
  }

  @Test
  void theScriptIsShellcheckClean() {
    Tool.require("shellcheck", "shellcheck");
    Proc.Result r = Proc.run(tmp, "shellcheck", "--severity=style", SCRIPT.toString());
    assertThat(r.exit()).as(r.all()).isZero();
  }
}
