package dev.homelab.plan;

import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;

/** A small builder for an ordered list of bindings, with comments. */
public final class Bindings {

  private final List<Binding> list = new ArrayList<>();
  private List<String> pendingComment = List.of();

  public Bindings comment(String text) {
    pendingComment = List.of(text);
    return this;
  }

  public Bindings comment(List<String> lines) {
    pendingComment = List.copyOf(lines);
    return this;
  }

  public Bindings set(String dotted, NixValue value) {
    return set(List.of(dotted.split("\\.")), value);
  }

  public Bindings set(List<String> path, NixValue value) {
    list.add(new Binding(path, value, pendingComment));
    pendingComment = List.of();
    return this;
  }

  public Bindings str(String dotted, String value) {
    return set(dotted, NixValue.str(value));
  }

  public Bindings bool(String dotted, boolean value) {
    return set(dotted, NixValue.bool(value));
  }

  public Bindings addAll(List<Binding> bindings) {
    list.addAll(bindings);
    return this;
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<Binding> build() {
    return List.copyOf(list);
  }

  public NixValue.Attrs attrs() {
    return new NixValue.Attrs(build());
  }

}
