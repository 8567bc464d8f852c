package dev.homelab.dist;

import dev.homelab.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code homelab completion bash|zsh|fish}: the completion script for a shell, made from the
 * command line's own model when it runs, so every subcommand and option is in it.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print the shell completion script for bash, zsh or fish.",
        "bash: `source <(homelab completion bash)` (or save it in ~/.local/share/bash-completion/completions/homelab).",
        "zsh: `source <(homelab completion zsh)` in ~/.zshrc (the bash script, through bashcompinit).",
        "fish: `homelab completion fish > ~/.config/fish/completions/homelab.fish`."})
public final class CompletionCommand implements Callable<Integer> {

  /** The shells a script is made for. */
  public enum Shell { bash, zsh, fish }

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
  Shell shell;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    spec.commandLine().getOut().print(script(shell, root));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** The script for {@code shell}, completing {@code root}'s commands. */
  public static String script(Shell shell, CommandLine root) {
    String name = root.getCommandName();
    return switch (shell) {
      // picocli's script serves both: under zsh it loads bashcompinit first.
      case bash, zsh -> AutoComplete.bash(name, root);
      case fish -> FishCompletion.script(root.getCommandSpec());
    };
  }
}
