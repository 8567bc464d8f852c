package dev.homelab.model;

import dev.homelab.model.constraints.EmailAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;

/**
 * A person's home-manager profile, the same on every host it applies to ({@code home/<person>.nix}):
 * the release it was started with, login shell, editor, git identity, prompt, direnv, packages
 * (nixpkgs attribute paths) and dotfiles (a path in the home directory mapped to a file of the
 * flake's repository). {@code hosts} names where it applies; by default every host of the
 * person that someone sits at (role {@code desktop}, {@code laptop}, {@code vm} or a Mac).
 */
public record Home(
    @NotBlank(message = "a home profile needs `stateVersion`, the home-manager release it was started with (`25.05`)")
        @Pattern(regexp = "\\d\\d\\.\\d\\d", message = "a home-manager state version is a release such as `25.05`")
        String stateVersion,
    @Pattern(regexp = "zsh|bash|fish", message = "a shell is `zsh`, `bash` or `fish`") String shell,
    @Pattern(regexp = "neovim|vim|helix", message = "an editor is `neovim`, `vim` or `helix`") String editor,
    @Valid GitIdentity git,
    Boolean starship,
    Boolean direnv,
    List<@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_'-]*(\\.[A-Za-z_][A-Za-z0-9_'-]*)*",
        message = "a package is a nixpkgs attribute path such as `ripgrep` or `python3Packages.ipython`") String> packages,
    Map<@Pattern(regexp = "(?!(.*/)?\\.\\.?(/|$))[A-Za-z0-9_.][A-Za-z0-9._+-]*(/[A-Za-z0-9_.][A-Za-z0-9._+-]*)*",
            message = "a dotfile is a path inside the home directory such as `.config/nvim/init.lua` (no `.` or `..`)") String,
        @Pattern(regexp = "[A-Za-z0-9_][A-Za-z0-9._+-]*(/[A-Za-z0-9_][A-Za-z0-9._+-]*)*",
            message = "a dotfile's source is a file of the flake's repository, such as `dotfiles/nvim/init.lua` (no `..`)")
            String> dotfiles,
    List<String> hosts) {

  public Home {
    starship = starship != null && starship;
    direnv = direnv != null && direnv;
    packages = Maps.copy(packages);
    dotfiles = Maps.copy(dotfiles);
    hosts = hosts == null ? null : Maps.copy(hosts);
  }

  /** A git identity: the name and address of the person's commits. */
  public record GitIdentity(
      @NotBlank(message = "a git identity needs `name`") String name,
      @NotBlank(message = "a git identity needs `email`") @EmailAddress String email) {}
}
