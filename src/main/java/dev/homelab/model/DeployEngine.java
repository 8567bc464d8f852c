package dev.homelab.model;

/** The tool that deploys the lab's NixOS hosts from the generated flake. */
public enum DeployEngine implements Named {
  /** No engine: each host is switched with {@code nixos-rebuild}. */
  NONE("none"),
  /** colmena: the flake's {@code colmenaHive} output. */
  COLMENA("colmena"),
  /** deploy-rs: the flake's {@code deploy} output and its checks. */
  DEPLOY_RS("deploy-rs");

  private final String wire;

  DeployEngine(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
