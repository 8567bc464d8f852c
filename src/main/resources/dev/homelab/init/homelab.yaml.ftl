<#-- The starter spec `homelab init` writes. Every value comes checked from Starter. -->
# yaml-language-server: $schema=${schemaPath}
#
# The homelab spec of ${name}. `homelab validate` checks it; `homelab gen` writes the NixOS
# flake beside it. Your editor completes and explains every key with the schema named on the
# first line (`homelab schema -o ${schemaPath}` writes it anew after an upgrade).
# Every key is described in homelab's docs/spec.md; the first install in docs/install.md.

homelab:
  name: ${yaml.str(name)}
  # Services are served at <subdomain>.${domain}.
  domain: ${yaml.str(domain)}
  # A zone name such as Europe/Berlin.
  timezone: UTC
  # The nixpkgs branch every host follows.
  channel: nixos-${release}

# The people with sudo, who log in with their SSH key. Before the first install put yours here,
# with your age recipient (`age-keygen -y key.txt`, or `ssh-to-age < ~/.ssh/id_ed25519.pub`):
# admins:
#   alice:
#     sshKeys: ["ssh-ed25519 AAAA... alice@laptop"]
#     age: age1...

hosts:
  ${host}:
    # The host's own age recipient, which opens its secrets (after the install:
    # `ssh-keyscan -t ed25519 HOST | ssh-to-age`):
    # age: age1...
    # The NixOS release this host is installed with: keep it when the channel moves on.
    stateVersion: "${release}"
    network:
      # The interface and address range of your LAN (`ip -brief address` on the machine).
      lan: { interfaces: [enp1s0], ranges: [192.168.1.0/24] }
      # Your devices reach the services over the tailnet.
      tailscale: true
<#if services?has_content>
    # The services this host runs, by catalog kind (`homelab catalog` lists them).
    services:
<#list services as s>
      ${s}: {}
</#list>
<#else>
    # The services this host runs, by catalog kind (`homelab catalog` lists them):
    # services:
    #   immich: {}
</#if>
<#if secrets?has_content>

# The secrets the services read, by name. Their values go into secrets/${host}.yaml, encrypted
# with sops (docs/install.md); secrets/${host}.required.yaml lists what each one holds.
secrets:
<#list secrets as s>
  ${yaml.str(s)}: {}
</#list>
</#if>
