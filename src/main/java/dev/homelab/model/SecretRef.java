package dev.homelab.model;

/**
 * A reference to a secret by name ({@code { secret: restic/password }}). A plain string in
 * its place is kept as {@code pasted} only so validation can refuse it; it never reaches
 * the output.
 */
public record SecretRef(String name, boolean pasted) {

  public static SecretRef named(String name) {
    return new SecretRef(name, false);
  }

  @Override
  public String toString() {
    return pasted ? "<pasted value>" : name;
  }
}
