package dev.homelab.emit;

/** What gen does (or would do) to one path. */
public record Change(String path, Action action) {

  /** The kinds of change, as printed. */
  public enum Action {
    CREATE("create"),
    UPDATE("update"),
    REMOVE("remove"),
    CREATE_ONCE("create (yours from now on)"),
    UNCHANGED("unchanged");

    private final String label;

    Action(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
