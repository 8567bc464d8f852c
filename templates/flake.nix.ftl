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
<#-- Deployment engine (plan.deploy.DeployPlanner). -->
<#if colmena??>
    colmena = {
      url = ${nix.str("github:zhaofengli/colmena")};
      inputs.nixpkgs.follows = ${nix.str("nixpkgs")};
    };
</#if>
<#if deployRs??>
    deploy-rs = {
      url = ${nix.str("github:serokell/deploy-rs")};
      inputs.nixpkgs.follows = ${nix.str("nixpkgs")};
    };
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
<#-- Deployment and VM checks (plan.deploy.DeployPlanner, ChecksPlanner). -->
<#if colmena??>

      # colmena: `colmena apply --on @phase-1`, then each next phase; deploy/<host>.nix says where
      # and as whom.
      colmenaHive = colmena.lib.makeHive {
        meta = {
          nixpkgs = nixpkgs.legacyPackages.${nix.attr(colmena.system)};
<#if colmena.systems?has_content>
          nodeNixpkgs = {
<#list colmena.systems as n>
            ${nix.attr(n.name())} = nixpkgs.legacyPackages.${nix.attr(n.system())};
</#list>
          };
</#if>
        };
<#list colmena.nodes as h>
        ${nix.attr(h.name())} = {
          imports = ${nix.value(h.modules(), 10)};
        };
</#list>
      };
</#if>
<#if deployRs??>

      # deploy-rs: `deploy .#<host>`, hosts of each phase before the next.
<#list deployRs as d>
      deploy.nodes.${nix.attr(d.name())} = {
        hostname = ${nix.str(d.hostname())};
<#if d.sshUser()??>
        sshUser = ${nix.str(d.sshUser())};
</#if>
<#if d.remoteBuild()>
        remoteBuild = true;
</#if>
        profiles.system = {
          user = ${nix.str("root")};
          path = deploy-rs.lib.${nix.attr(d.system())}.activate.nixos self.nixosConfigurations.${nix.attr(d.name())};
        };
      };
</#list>

<#if checks??>
      checks =
        nixpkgs.lib.recursiveUpdate
          (builtins.mapAttrs (system: deployLib: deployLib.deployChecks self.deploy) deploy-rs.lib)
          {
<#list checks as c>
            ${nix.attr(c.system())}.${nix.attr(c.name())} = nixpkgs.legacyPackages.${nix.attr(c.system())}.testers.runNixOSTest {
              imports = [ ${nix.value(c.dir(), 0)} ];
              nodes.${nix.attr(c.host())}.imports = ${nix.value(c.modules(), 14)};
            };
</#list>
          };
<#else>
      checks = builtins.mapAttrs (system: deployLib: deployLib.deployChecks self.deploy) deploy-rs.lib;
</#if>
<#elseif checks??>

      # A VM test per server: `nix build .#checks.<system>.<host>-services`.
<#list checks as c>
      checks.${nix.attr(c.system())}.${nix.attr(c.name())} = nixpkgs.legacyPackages.${nix.attr(c.system())}.testers.runNixOSTest {
        imports = [ ${nix.value(c.dir(), 0)} ];
        nodes.${nix.attr(c.host())}.imports = ${nix.value(c.modules(), 8)};
      };
</#list>
</#if>
    };
}
