package dev.homelab.model;

import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * What Homebrew installs on a Mac (nix-darwin's {@code homebrew} module): casks (applications)
 * and brews (formulae), and what happens at activation to what it installed that the lists no
 * longer name ({@code cleanup}: {@code none}, {@code check}, {@code uninstall} (default) or
 * {@code zap}).
 */
public record Homebrew(
    List<@Pattern(regexp = "[a-z0-9][a-z0-9@._+-]*(/[a-z0-9][a-z0-9@._+-]*){0,2}",
        message = "a cask is a Homebrew token such as `firefox` or `homebrew/cask/firefox`") String> casks,
    List<@Pattern(regexp = "[a-z0-9][a-z0-9@._+-]*(/[a-z0-9][a-z0-9@._+-]*){0,2}",
        message = "a brew is a Homebrew formula such as `mas` or `owner/tap/formula`") String> brews,
    @Pattern(regexp = "none|check|uninstall|zap", message = "cleanup is `none`, `check`, `uninstall` or `zap`") String cleanup) {

  public Homebrew {
    casks = Maps.copy(casks);
    brews = Maps.copy(brews);
    cleanup = cleanup == null ? "uninstall" : cleanup;
  }
}
