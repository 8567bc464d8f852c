<#import "/lib/nix.ftl" as n>
<@n.lines header/>
# The VM check of ${host}: a NixOS test (the flake's checks.<system>.${nix.attr(name)}) that boots the
# host's modules and node.nix, then waits for each service's unit, port and health endpoint.
{
  name = ${nix.str(name)};

  # The host may set nixpkgs options of its own (unfree packages): the VM evaluates its nixpkgs.
  node.pkgsReadOnly = false;

  nodes.${nix.attr(host)}.imports = [ ./node.nix ];

  testScript = ${nix.value(script, 2)};
}
