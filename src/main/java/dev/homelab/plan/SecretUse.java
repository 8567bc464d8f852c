package dev.homelab.plan;

/** A secret a host needs: its name, who reads it, and what uses it. */
public record SecretUse(String name, String owner, String group, String mode, String usedBy, String hint) {}
