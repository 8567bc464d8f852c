package dev.homelab.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (or "dev" when run from classes). */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"homelab " + (v == null ? "dev" : v)};
  }
}
