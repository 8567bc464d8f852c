package dev.homelab.plan;

/** Who owns an output file after it is written (see docs/output.md). */
public enum Ownership {
  /** Rewritten by every gen, compared by --check, removed when no longer generated. */
  GENERATED,
  /** Written only when missing; the user's from then on. */
  CREATED_ONCE
}
