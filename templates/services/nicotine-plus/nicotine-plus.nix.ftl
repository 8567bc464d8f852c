<#import "/lib/nix.ftl" as n>
<@n.module module/>
