package dev.homelab.load;

import dev.homelab.diag.Span;
import java.util.List;

/** A YAML sequence. */
public record ListNode(Span span, List<Node> items) implements Node {

  public ListNode {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
