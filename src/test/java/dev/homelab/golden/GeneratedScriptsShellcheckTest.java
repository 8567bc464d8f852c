package dev.homelab.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Plan;
import dev.homelab.plan.PlannedFile;
import dev.homelab.testing.Examples;
import dev.homelab.testing.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shell script in the examples' generated Nix passes shellcheck, warnings included:
 * each systemd unit's {@code script}, {@code preStart}, {@code postStart}, {@code preStop},
 * {@code postStop} and {@code reload}, run by bash (NixOS writes them into a bash script that
 * starts {@code set -e}), and the scripted initrd's commands ({@code postResumeCommands},
 * {@code postDeviceCommands}, ...), run by busybox's ash and checked as POSIX sh, and the
 * text of each {@code pkgs.writeShellApplication} (usync, ustatus), bash under errexit,
 * nounset and pipefail. The scripts
 * are taken from the plan (the values NixFormat writes), with each interpolated Nix value
 * standing as the text it evaluates to on the host (a secret's path, a store path).
 */
class GeneratedScriptsShellcheckTest {

  /** Options whose value is a script bash runs. */
  private static final Set<String> BASH = Set.of("script", "preStart", "postStart", "preStop", "postStop", "reload");

  /** Options of the scripted initrd, whose value ash runs. */
  private static final Set<String> ASH = Set.of("postResumeCommands", "postDeviceCommands", "preDeviceCommands",
      "preLVMCommands", "postMountCommands");

  /** One script: where it is, the shell that runs it, its text. */
  record Script(String where, String shell, String text) {}

  static List<Script> scripts(Plan plan, String example) {
    List<Script> out = new ArrayList<>();
    for (PlannedFile f : plan.files()) {
      if (!(f.model().get("module") instanceof NixModule m)) {
        continue;
      }
      for (OptionLeaf leaf : OptionLeaf.flatten(m.optionBindings())) {
        String option = leaf.path().get(leaf.path().size() - 1);
        String shell = BASH.contains(option) ? "bash" : ASH.contains(option) ? "sh" : null;
        String text = shell == null ? null : text(leaf.value());
        if (text != null) {
          out.add(new Script(example + ": " + f.path() + ": " + leaf.dotted(), shell, text));
        }
      }
      for (dev.homelab.nix.Binding let : m.lets()) {
        applications(let.value(), example + ": " + f.path() + ": " + String.join(".", let.path()), out);
      }
    }
    return out;
  }

  /**
   * The text of each {@code pkgs.writeShellApplication} in a value: bash under errexit,
   * nounset and pipefail, as the builder writes it (its own shellcheck runs at build time).
   */
  private static void applications(NixValue v, String where, List<Script> out) {
    if (v instanceof NixValue.Apply a && a.function().code().equals("pkgs.writeShellApplication")
        && a.argument() instanceof NixValue.Attrs args) {
      for (dev.homelab.nix.Binding b : args.bindings()) {
        if (b.path().equals(List.of("text"))) {
          out.add(new Script(where, "bash", "set -o errexit\nset -o nounset\nset -o pipefail\n" + text(b.value())));
        }
      }
    } else if (v instanceof NixValue.ListOf l) {
      l.items().forEach(i -> applications(i, where, out));
    }
  }

  /** The script's text; null for a reference to another option's script (checked there). */
  private static String text(NixValue v) {
    if (v instanceof NixValue.MkIf m) {
      return text(m.value());
    }
    if (v instanceof NixValue.Apply a) {
      // lib.mkAfter (or another ordering) of a script.
      return text(a.argument());
    }
    if (v instanceof NixValue.Text t) {
      return String.join("\n", t.lines()) + "\n";
    }
    if (v instanceof NixValue.Str s) {
      return s.value() + "\n";
    }
    if (v instanceof NixValue.Interpolated in) {
      StringBuilder b = new StringBuilder();
      for (NixValue p : in.parts()) {
        if (p instanceof NixValue.Str s) {
          b.append(s.value());
        } else if (p instanceof NixValue.SecretPath s) {
          b.append("/run/secrets/").append(s.name());
        } else if (p instanceof NixValue.TemplatePath t) {
          b.append("/run/secrets/rendered/").append(t.name());
        } else if (p instanceof NixValue.Placeholder ph) {
          b.append("<SOPS:placeholder:").append(ph.name()).append(">");
        } else if (p instanceof NixValue.Ref r) {
          b.append("/nix/store/00000000000000000000000000000000-").append(r.code().replace('.', '-'));
        }
      }
      return b.append('\n').toString();
    }
    if (v instanceof NixValue.Ref) {
      return null;
    }
    throw new AssertionError("a script that is not text: " + v);
  }

  @TestFactory
  Stream<DynamicTest> everyGeneratedScriptPassesShellcheck() {
    Tool.require("shellcheck", "shellcheck");
    List<Script> all = new ArrayList<>();
    for (Path spec : Examples.all()) {
      all.addAll(scripts(Examples.plan(spec), Examples.name(spec)));
    }
    assertThat(all).as("scripts in the examples").hasSizeGreaterThan(10);
    assertThat(all.stream().map(Script::shell)).contains("bash", "sh");
    assertThat(all.stream().map(Script::where)).anyMatch(w -> w.endsWith("systemd.services.homelab-datasets.script"))
        .anyMatch(w -> w.endsWith("boot.initrd.postResumeCommands"))
        .anyMatch(w -> w.endsWith("hosts/desktop/sync.nix: usync"))
        .anyMatch(w -> w.endsWith("hosts/desktop/sync.nix: ustatus"));
    assertThat(all).allMatch(s -> !s.text().isBlank());
    return all.stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> {
      String findings = shellcheck(s);
      assertThat(findings).as("shellcheck -s %s of %s:\n%s", s.shell(), s.where(), numbered(input(s))).isEmpty();
    }));
  }

  @Test
  void shellcheckFindsWhatItShould() {
    Tool.require("shellcheck", "shellcheck");
    assertThat(shellcheck(new Script("unquoted", "bash", "rm $1\n"))).contains("SC2086");
    assertThat(shellcheck(new Script("bashism in sh", "sh", "[[ -e /x ]] && echo y\n"))).contains("SC3010");
  }

  /** What shellcheck finds in the script, warnings and errors alike; empty when nothing. */
  static String shellcheck(Script s) {
    String text = input(s);
    try {
      Process p = new ProcessBuilder("shellcheck", "--shell=" + s.shell(), "--severity=style", "--format=gcc", "-")
          .redirectErrorStream(true).start();
      p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("shellcheck timed out");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What shellcheck reads: NixOS runs a unit's script as `#!bash -e` followed by the text. */
  private static String input(Script s) {
    return (s.shell().equals("bash") ? "set -e\n" : "") + s.text();
  }

  private static String numbered(String text) {
    StringBuilder b = new StringBuilder();
    int n = 1;
    for (String line : text.split("\n", -1)) {
      b.append(String.format("%4d  %s%n", n++, line));
    }
    return b.toString();
  }
}
