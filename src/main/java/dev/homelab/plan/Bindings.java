package dev.homelab.plan;

import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;

/** A small builder for an ordered list of bindings, with comments. */
final class Bindings {

  private final List<Binding> list = new ArrayList<>();
  private List<String> pendingComment = List.of();

  Bindings comment(String text) {
    pendingComment = List.of(text);
    return this;
  }

  Bindings comment(List<String> lines) {
    pendingComment = List.copyOf(lines);
    return this;
  }

  Bindings set(String dotted, NixValue value) {
    return set(List.of(dotted.split("\\.")), value);
  }

  Bindings set(List<String> path, NixValue value) {
    list.add(new Binding(path, value, pendingComment));
    pendingComment = List.of();
    return this;
  }

  Bindings str(String dotted, String value) {
    return set(dotted, NixValue.str(value));
  }

  Bindings bool(String dotted, boolean value) {
    return set(dotted, NixValue.bool(value));
  }

  Bindings addAll(List<Binding> bindings) {
    list.addAll(bindings);
    return this;
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<Binding> build() {
    return List.copyOf(list);
  }

  NixValue.Attrs attrs() {
    return new NixValue.Attrs(build());
  }

}
