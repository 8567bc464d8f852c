package dev.homelab.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * An admin or user: login keys, an age recipient for sops, extra groups, and the secret
 * holding their password hash ({@code mkpasswd -m yescrypt}), for a console or display
 * manager login; the hosts they have an account on ({@code hosts}, default every host) and
 * their home-manager profile ({@code home}).
 */
public record Person(
    List<@Pattern(regexp = "(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com) [A-Za-z0-9+/=]+( [^\\n]*)?", message = "not an SSH public key line (`ssh-ed25519 AAAA... comment`)") String> sshKeys,
    @Pattern(regexp = "age1[02-9ac-hj-np-z]{58}", message = "not an age recipient (`age1` and 58 more characters)") String age,
    List<String> groups,
    SecretRef passwordHash,
    List<String> hosts,
    @Valid Home home) {

  public Person {
    sshKeys = Maps.copy(sshKeys);
    groups = Maps.copy(groups);
    hosts = hosts == null ? null : Maps.copy(hosts);
  }

  /** Whether the person has an account on the host: every host unless {@code hosts} lists some. */
  public boolean isOn(String host) {
    return hosts == null || hosts.contains(host);
  }

  /**
   * Whether the person's home profile applies on a host: the person is on it, and it is one of
   * {@code home.hosts}, or (without that list) a host someone sits at ({@link Host#isSeated()}).
   */
  public boolean hasProfileOn(String name, Host host) {
    if (home == null || host == null || !isOn(name)) {
      return false;
    }
    return home.hosts() != null ? home.hosts().contains(name) : host.isSeated();
  }
}
