<#import "/lib/nix.ftl" as n>
<@n.lines header/>
{
  description = ${nix.str(description)};

  inputs = {
    nixpkgs.url = ${nix.str(nixpkgsUrl)};
<#if sops>
    sops-nix = {
      url = ${nix.str("github:Mic92/sops-nix")};
      inputs.nixpkgs.follows = ${nix.str("nixpkgs")};
    };
</#if>
<#if quadlet>
    quadlet-nix.url = ${nix.str("github:SEIAROTg/quadlet-nix")};
</#if>
<#if vpnConfinement>
    vpn-confinement.url = ${nix.str("github:Maroka-chan/VPN-Confinement")};
</#if>
<#if disko>
    disko = {
      url = ${nix.str("github:nix-community/disko")};
      inputs.nixpkgs.follows = ${nix.str("nixpkgs")};
    };
</#if>
<#if impermanence>
    impermanence.url = ${nix.str("github:nix-community/impermanence")};
</#if>
<#-- The spec's own inputs (flake.inputs) and nixos-hardware (hardware.model). -->
<#list specInputs as i>
<#if i.follows()?has_content>
    ${nix.attr(i.name())} = {
      url = ${nix.str(i.url())};
<#list i.follows() as f>
      inputs.${nix.attr(f)}.follows = ${nix.str(f)};
</#list>
    };
<#else>
    ${nix.attr(i.name())}.url = ${nix.str(i.url())};
</#if>
</#list>
  };

  outputs =
    ${args}:
    {
<#list hosts as h>
      nixosConfigurations.${nix.attr(h.name())} = nixpkgs.lib.nixosSystem {
        system = ${nix.str(h.system())};
        modules = ${nix.value(h.modules(), 8)};
      };

</#list>
<#list systems as s>
      formatter.${nix.attr(s)} = nixpkgs.legacyPackages.${nix.attr(s)}.nixfmt;
</#list>
    };
}
