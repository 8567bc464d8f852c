package dev.homelab.cli;

/** The exit codes of every command (documented in README and --help). */
public final class ExitCodes {

  /** Everything fine. */
  public static final int OK = 0;
  /** The spec is invalid, or gen refused to overwrite a file it does not own. */
  public static final int INVALID = 1;
  /** The command line is wrong: unknown flag, missing file. */
  public static final int USAGE = 2;
  /** gen --check: the output folder differs from what gen would write. */
  public static final int STALE = 3;
  /** A bug in homelab. */
  public static final int INTERNAL = 4;

  private ExitCodes() {}
}
