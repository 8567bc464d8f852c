package dev.homelab.bind;

/**
 * Where a value is in the spec, as a parent and a key or a list index, spelled out as a spec
 * path ({@code hosts.nuc.services.immich.port}, list items as {@code [0]}) only when a finding
 * names it: a fleet's spec has a hundred thousand values, and the binder and the rules that
 * walk the spec pass each one's place down without ever printing most of them.
 */
public final class SpecPath {

  /** The top level: the path {@code ""}. */
  public static final SpecPath ROOT = new SpecPath(null, "", -1);

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

  /** The place of the value under {@code key} here. */
  public SpecPath key(String key) {
    return new SpecPath(this, key, -1);
  }

  /** The place of the item at {@code index} of the list here. */
  public SpecPath index(int index) {
    return new SpecPath(this, null, index);
  }

  /** The spec path, as {@link SourceMap#child} joins it: {@code ""} at the top level. */
  public String path() {
    if (text == null) {
      if (parent == null) {
        text = key;
      } else if (key == null) {
        text = parent.path() + "[" + index + "]";
      } else {
        text = SourceMap.child(parent.path(), key);
      }
    }
    return text;
  }

  /** What follows the last dot of {@link #path}, made without the rest of the path. */
  public String tail() {
    if (parent == null) {
      return key;
    }
    return key == null ? parent.tail() + "[" + index + "]" : key.substring(key.lastIndexOf('.') + 1);
  }

  @Override
  public String toString() {
    return path();
  }
}
