package dev.homelab.bind;

/**
 * The spec path of a value being bound ({@code hosts.nuc.services.immich.port}, list items as
 * {@code [0]}), spelled out only when a finding names it: a fleet's spec has a hundred thousand
 * values, and the binder passes each one's path down without ever printing most of them.
 */
final class SpecPath {

  static final SpecPath ROOT = new SpecPath(null, null, -1);

  private final SpecPath parent;
  /** The key below the parent, or null for a list item. */
  private final String key;
  /** The list item's index, for a list item. */
  private final int index;
  private String text;

  private SpecPath(SpecPath parent, String key, int index) {
    this.parent = parent;
    this.key = key;
    this.index = index;
  }

  /** The path of the value under {@code key} here. */
  SpecPath key(String key) {
    return new SpecPath(this, key, -1);
  }

  /** The path of the item at {@code index} of the list here. */
  SpecPath index(int index) {
    return new SpecPath(this, null, index);
  }

  /** As {@link SourceMap#child} joins it: {@code ""} at the top level. */
  @Override
  public String toString() {
    if (text == null) {
      if (parent == null) {
        text = "";
      } else if (key == null) {
        text = parent + "[" + index + "]";
      } else {
        text = SourceMap.child(parent.toString(), key);
      }
    }
    return text;
  }
}
