package dev.homelab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fake tools of {@code src/test/resources/fake-zfs} (zfs, zpool, chown, systemd-tmpfiles,
 * install) in a folder of their own, with their state, to run a generated dataset unit's
 * script against: datasets are folders under {@code state/ds}, every call is logged.
 */
public final class FakeZfs {

  private final Path dir;
  public final Path state;
  private final Path bin;
  private String output = "";

  public FakeZfs(Path dir) {
    this.dir = dir;
    try {
      state = Files.createDirectories(dir.resolve("state"));
      Files.createDirectories(state.resolve("ds"));
      bin = Files.createDirectories(dir.resolve("bin"));
      for (String tool : List.of("zfs", "zpool", "chown", "systemd-tmpfiles", "install")) {
        Path target = bin.resolve(tool);
        Files.copy(Path.of("src/test/resources/fake-zfs", tool), target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code homelab-datasets} unit's script of a generated {@code datasets.nix}, as Nix evaluates it. */
  public String script(Path datasetsNix) throws IOException {
    NixTool.require();
    Path eval = dir.resolve("script.nix");
    Files.writeString(eval, "(import " + datasetsNix
        + " { pkgs = { coreutils = null; findutils = null; }; config = { boot.zfs.package = null; systemd.package = null; }; })"
        + ".systemd.services.homelab-datasets.script\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readValue(r.out(), String.class);
  }

  /** Runs a script with the fakes first on the PATH; the log starts empty. Returns its exit code. */
  public int run(String script) throws IOException, InterruptedException {
    Files.deleteIfExists(state.resolve("log"));
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_ZFS_STATE", state.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  /** What the last run printed. */
  public String output() {
    return output;
  }

  /** The calls of the last run. */
  public List<String> log() throws IOException {
    Path log = state.resolve("log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** An existing dataset with these local properties ({@code key=value}). */
  public void existing(String dataset, String... props) throws IOException {
    Path d = Files.createDirectories(datasetDir(dataset));
    for (String p : props) {
      Files.writeString(d.resolve(p.substring(0, p.indexOf('='))), p.substring(p.indexOf('=') + 1));
    }
  }

  /** A local property of a dataset, or null. */
  public String prop(String dataset, String key) throws IOException {
    Path p = datasetDir(dataset).resolve(key);
    return Files.exists(p) ? Files.readString(p) : null;
  }

  public boolean mounted(String dataset) {
    return Files.exists(datasetDir(dataset).resolve(".mounted"));
  }

  /** Mounts an existing dataset, as zfs-mount.service does at boot. */
  public void mount(String dataset) throws IOException, InterruptedException {
    List<String> before = log();
    assertThat(run("zfs mount " + dataset)).as(output).isZero();
    Files.write(state.resolve("log"), before);
  }

  /** Where the fake keeps what a mount hid of the folder it mounted over. */
  public Path hidden(Path mountpoint) {
    return state.resolve("hidden").resolve(mountpoint.toString().replace("/", "%"));
  }

  /** The rules the fake systemd-tmpfiles applies. */
  public void tmpfilesRules(String... lines) throws IOException {
    Files.writeString(state.resolve("tmpfiles.rules"), String.join("\n", lines) + "\n");
  }

  /** The exit code of the fake systemd-tmpfiles. */
  public void tmpfilesExit(int code) throws IOException {
    Files.writeString(state.resolve("tmpfiles.exit"), Integer.toString(code));
  }

  private Path datasetDir(String dataset) {
    return state.resolve("ds").resolve(dataset.replace("/", "%"));
  }
}
