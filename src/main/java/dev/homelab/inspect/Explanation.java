package dev.homelab.inspect;

import java.util.List;

/**
 * What {@code homelab explain} says of a host or of one of its services ({@code service}
 * null for a host): sections of facts, each fact a name, its value and where it came from
 * (a spec place {@code file:line:col}, a catalog default, or what it is derived from).
 */
public record Explanation(String host, String service, List<Section> sections) {

  public Explanation {
    sections = List.copyOf(sections);
  }

  /** A named group of facts: {@code network}, {@code storage}, ... */
  public record Section(String name, List<Fact> facts) {

    public Section {
      facts = List.copyOf(facts);
    }
  }

  /** One derived value and where it came from. */
  public record Fact(String name, String value, String from) {}
}
