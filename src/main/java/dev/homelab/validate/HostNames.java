package dev.homelab.validate;

/**
 * How a finding names two things of the spec that may sit on different hosts: each as
 * {@code host/name} when their hosts differ, so the message tells them apart, else by name.
 */
public final class HostNames {

  private HostNames() {}

  /** The two names, {@code [a, b]}, qualified by their hosts when those differ. */
  public static String[] pair(String hostA, String a, String hostB, String b) {
    if (hostA.equals(hostB)) {
      return new String[] {a, b};
    }
    return new String[] {hostA + "/" + a, hostB + "/" + b};
  }
}
