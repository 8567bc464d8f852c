package dev.homelab.plan.lab;

import dev.homelab.model.Person;
import dev.homelab.model.Spec;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code modules/base.nix}: what is the same on every host (time zone, admins and
 * users, key-only SSH, brute-force protection, flakes).
 */
public final class BasePlanner {

  private BasePlanner() {}

  public static PlannedFile plan(Spec spec, Headers headers) {
    Bindings b = new Bindings();
    b.str("time.timeZone", spec.homelab().timezone());
    b.set("nix.settings.experimental-features", NixValue.strings(List.of("nix-command", "flakes")));
    // People who name their hosts (`hosts:`) are declared on those hosts only (hosts/<host>/people.nix).
    for (Map.Entry<String, Person> e : spec.admins().entrySet()) {
      if (e.getValue().hosts() == null) {
        b.set(List.of("users", "users", e.getKey()), user(e.getValue(), true));
      }
    }
    for (Map.Entry<String, Person> e : spec.users().entrySet()) {
      if (e.getValue().hosts() == null) {
        b.set(List.of("users", "users", e.getKey()), user(e.getValue(), false));
      }
    }
    for (Map.Entry<String, Person> e : people(spec).entrySet()) {
      if (e.getValue().passwordHash() != null && e.getValue().hosts() == null) {
        b.comment("Decrypted before users are created, so the password hash is there when they are.")
            .set(List.of("sops", "secrets", e.getValue().passwordHash().name(), "neededForUsers"), NixValue.bool(true));
      }
    }
    if (!spec.admins().isEmpty()) {
      boolean passwords = spec.admins().values().stream().anyMatch(p -> p.passwordHash() != null);
      b.comment(passwords ? "Admins log in over SSH with keys; sudo does not ask for a password."
              : "Admins log in with keys only and have no password, so sudo must not ask for one.")
          .bool("security.sudo.wheelNeedsPassword", false);
    }
    b.set("services.openssh", new Bindings()
        .bool("enable", true)
        .comment("Each host opens its SSH port only on the interfaces its SSH exposure names.")
        .bool("openFirewall", false)
        .set("settings", new Bindings()
            .bool("PasswordAuthentication", false)
            .bool("KbdInteractiveAuthentication", false)
            .str("PermitRootLogin", "no")
            .attrs())
        .attrs());
    b.comment("An opinion, not a requirement: a host's local.nix may turn it off.")
        .set("services.fail2ban.enable", NixValue.mkDefault(NixValue.bool(true)));
    NixModule module = new NixModule(headers.nix("hosts/<host>/local.nix"),
        Headers.wrap("Shared by every host: admins, SSH hardening, brute-force protection."), b.build());
    return new PlannedFile("modules/base.nix", Ownership.GENERATED, "modules/base.nix.ftl", Map.of("module", module));
  }

  /** A person's account: a normal user, admins in {@code wheel}, their keys and password hash. */
  public static NixValue user(Person p, boolean admin) {
    List<String> groups = new ArrayList<>();
    if (admin) {
      groups.add("wheel");
    }
    groups.addAll(p.groups());
    Bindings u = new Bindings().bool("isNormalUser", true);
    if (!groups.isEmpty()) {
      u.set("extraGroups", NixValue.strings(groups));
    }
    u.set("openssh.authorizedKeys.keys", NixValue.strings(p.sshKeys()));
    if (p.passwordHash() != null) {
      u.set("hashedPasswordFile", new NixValue.SecretPath(p.passwordHash().name()));
    }
    return u.attrs();
  }

  /** Admins, then users: each is a login on every NixOS host, or on the hosts they name. */
  static Map<String, Person> people(Spec spec) {
    Map<String, Person> all = new java.util.LinkedHashMap<>(spec.admins());
    spec.users().forEach(all::putIfAbsent);
    return all;
  }

  /**
   * Every host reads the password hashes of the people on it who have one (base.nix declares
   * them, people.nix for people who name their hosts).
   */
  public static void usePasswordHashes(HostContext ctx) {
    people(ctx.spec).forEach((name, p) -> {
      if (p.passwordHash() != null && p.isOn(ctx.name)) {
        ctx.useSecret(p.passwordHash().name(), "root", "root", "users.users." + name + ".hashedPasswordFile (base.nix)",
            "the password hash of " + name + ", made with `mkpasswd -m yescrypt`");
      }
    });
  }
}
