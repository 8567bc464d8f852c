package dev.homelab.validate;

/** One cross-cutting check of a bound spec, reporting under a stable id (see docs/errors/). */
public interface Rule {

  /** The stable id, {@code HL03xx}. */
  String id();

  /** Adds every finding of this rule to the context. */
  void check(RuleContext ctx);
}
