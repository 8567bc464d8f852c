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
<#if homeManagerUrl?has_content>
    home-manager = {
      url = ${nix.str(homeManagerUrl)};
      inputs.nixpkgs.follows = ${nix.str("nixpkgs")};
    };
</#if>
<#if darwinUrl?has_content>
    nix-darwin = {
      url = ${nix.str(darwinUrl)};
      inputs.nixpkgs.follows = ${nix.str("nixpkgs")};
    };
</#if>
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
<#list darwinHosts as h>
      darwinConfigurations.${nix.attr(h.name())} = nix-darwin.lib.darwinSystem {
        modules = ${nix.value(h.modules(), 8)};
      };

</#list>
<#list systems as s>
      formatter.${nix.attr(s)} = nixpkgs.legacyPackages.${nix.attr(s)}.nixfmt;
</#list>
    };
}
