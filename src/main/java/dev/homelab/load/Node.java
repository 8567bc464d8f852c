package dev.homelab.load;

import dev.homelab.diag.Span;

/**
 * A YAML value with its place in the source: a {@link MapNode}, a {@link ListNode} or a
 * {@link ScalarNode}. Only the load stage builds these; bind turns them into records.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

  /** Where the value starts. */
  Span span();

  /** A word for messages: "a mapping", "a list", "a string", ... */
  String describe();
}
