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
  };

  outputs =
    { nixpkgs<#if sops>, sops-nix</#if>, ... }:
    {
<#list hosts as h>
      nixosConfigurations.${nix.attr(h.name())} = nixpkgs.lib.nixosSystem {
        system = ${nix.str(h.system())};
<#if sops>
        modules = [
          sops-nix.nixosModules.sops
          ${nix.path("./hosts/" + h.name())}
        ];
<#else>
        modules = [ ${nix.path("./hosts/" + h.name())} ];
</#if>
      };

</#list>
<#list systems as s>
      formatter.${nix.attr(s)} = nixpkgs.legacyPackages.${nix.attr(s)}.nixfmt;
</#list>
    };
}
