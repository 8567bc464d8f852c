package dev.homelab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.cli.HomelabCommand;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code homelab completion bash|zsh|fish}: each script loads in its shell, and completing
 * what a user typed there offers the subcommands and option values of the command line.
 */
class CompletionTest {

  @TempDir
  Path tmp;

  /** Every command path of the model ("gen", "catalog show", ...), whoever added it. */
  static List<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    walk(new CommandLine(new HomelabCommand()), new ArrayList<>(), paths);
    return paths;
  }

  private static void walk(CommandLine c, List<String> at, List<List<String>> into) {
    for (var e : c.getSubcommands().entrySet()) {
      if (e.getValue().getCommandSpec().usageMessage().hidden()) {
        continue;
      }
      List<String> path = new ArrayList<>(at);
      path.add(e.getKey());
      into.add(path);
      walk(e.getValue(), path, into);
    }
  }

  private Path script(String shell) throws Exception {
    Cli.Run r = Cli.run("completion", shell);
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.err()).isEmpty();
    Path file = tmp.resolve("homelab." + shell);
    Files.writeString(file, r.out());
    return file;
  }

  /** What the bash script offers for the words typed, the last being completed. */
  private List<String> bashOffers(Path script, String... words) {
    String line = String.join(" ", words);
    StringBuilder words2 = new StringBuilder();
    for (String w : words) {
      words2.append(" '").append(w).append("'");
    }
    String run = "source '" + script + "'\n"
        + "fn=$(complete -p homelab | sed -n 's/.*-F \\([^ ]*\\) .*/\\1/p')\n"
        + "COMP_WORDS=(" + words2 + ")\n"
        + "COMP_CWORD=" + (words.length - 1) + "\n"
        + "COMP_LINE='" + line + "'\n"
        + "COMP_POINT=" + line.length() + "\n"
        + "\"$fn\"\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Proc.Result r = Proc.run(tmp, "bash", "--norc", "--noprofile", "-c", run);
    assertThat(r.exit()).as(r.all()).isZero();
    return r.out().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void bashScriptRegistersHomelabAndCompletesSubcommandsAndValues() throws Exception {
    Tool.require("bash", "bash");
    Path script = script("bash");
    Proc.Result registered = Proc.run(tmp, "bash", "--norc", "--noprofile", "-c", "source '" + script + "' && complete -p homelab");
    assertThat(registered.exit()).as(registered.all()).isZero();
    assertThat(registered.out()).startsWith("complete ").contains(" -F ").endsWith("homelab\n");

    assertThat(bashOffers(script, "homelab", "g")).containsExactly("gen", "graph");
    assertThat(bashOffers(script, "homelab", "ge")).containsExactly("gen");
    assertThat(bashOffers(script, "homelab", "")).contains("validate", "gen", "catalog", "completion", "man");
    assertThat(bashOffers(script, "homelab", "catalog", "s")).containsExactly("show");
    assertThat(bashOffers(script, "homelab", "validate", "--format", "")).containsExactlyInAnyOrder("text", "json", "sarif", "github");
    assertThat(bashOffers(script, "homelab", "gen", "--fail-on", "w")).containsExactly("warning");
    assertThat(bashOffers(script, "homelab", "completion", "")).containsExactlyInAnyOrder("bash", "zsh", "fish");
  }

  @Test
  void everyCommandOfTheModelIsCompletedInBash() throws Exception {
    Tool.require("bash", "bash");
    Path script = script("bash");
    for (List<String> path : commandPaths()) {
      List<String> words = new ArrayList<>(List.of("homelab"));
      words.addAll(path.subList(0, path.size() - 1));
      words.add("");
      assertThat(bashOffers(script, words.toArray(String[]::new))).as("%s", path).contains(path.get(path.size() - 1));
    }
  }

  @Test
  void zshLoadsTheBashScriptThroughBashcompinit() throws Exception {
    Path script = script("zsh");
    assertThat(Files.readString(script)).isEqualTo(Cli.run("completion", "bash").out()).contains("bashcompinit");
    Tool.require("zsh", "zsh");
    Proc.Result r = Proc.run(tmp, "zsh", "-f", "-c",
        "autoload -U +X compinit && compinit -u -D; source '" + script + "' && print -r -- \"$_comps[homelab]\"");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out().strip()).as("the completion function zsh calls for homelab").isNotEmpty();
  }

  @Test
  void fishScriptParsesAndCompletesSubcommandsOptionsAndValues() throws Exception {
    Path script = script("fish");
    Tool.require("fish", "fish");
    Proc.Result parse = Proc.run(tmp, "fish", "-n", script.toString());
    assertThat(parse.exit()).as(parse.all()).isZero();

    assertThat(fishOffers(script, "homelab g")).containsExactly("gen", "graph");
    assertThat(fishOffers(script, "homelab ge")).containsExactly("gen");
    assertThat(fishOffers(script, "homelab ")).contains("validate", "gen", "catalog", "completion", "man");
    assertThat(fishOffers(script, "homelab catalog ")).contains("show").doesNotContain("gen");
    assertThat(fishOffers(script, "homelab validate --format ")).containsExactlyInAnyOrder("text", "json", "sarif", "github");
    assertThat(fishOffers(script, "homelab gen --dr")).containsExactly("--dry-run");
    assertThat(fishOffers(script, "homelab completion ")).containsExactlyInAnyOrder("bash", "zsh", "fish");
    // Options of one subcommand are not offered in another.
    assertThat(fishOffers(script, "homelab validate --")).doesNotContain("--dry-run", "--check").contains("--format");
    for (List<String> path : commandPaths()) {
      String typed = "homelab " + String.join(" ", path.subList(0, path.size() - 1));
      assertThat(fishOffers(script, typed.strip() + " ")).as("%s", path).contains(path.get(path.size() - 1));
    }
  }

  @Test
  void fishCompletesFilesForPathOptions() throws Exception {
    Path script = script("fish");
    Tool.require("fish", "fish");
    Files.writeString(tmp.resolve("lab.yaml"), "hosts: {}\n");
    assertThat(fishOffers(script, "homelab validate -f la")).contains("lab.yaml");
  }

  /** Candidates fish's own completion offers for the command line typed so far. */
  private List<String> fishOffers(Path script, String typed) {
    Proc.Result r = Proc.run(tmp, java.util.Map.of("HOME", tmp.toString(), "XDG_CONFIG_HOME", tmp.resolve("config").toString()),
        List.of("fish", "--no-config", "-c", "source " + script + "; complete -C '" + typed + "'"));
    assertThat(r.exit()).as(r.all()).isZero();
    return r.out().lines().map(l -> l.split("\t", 2)[0]).toList();
  }

  @Test
  void anUnknownShellIsAUsageError() {
    Cli.Run r = Cli.run("completion", "powershell");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("powershell", "bash", "zsh", "fish");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void theScriptIsTheSameOnEveryRun() {
    for (String shell : List.of("bash", "fish")) {
      assertThat(Cli.run("completion", shell).out()).isEqualTo(Cli.run("completion", shell).out());
    }
  }
}
