<#import "/lib/nix.ftl" as n>
<@n.lines header/>
keys:
<#list keys as k>
  - &${k.anchor()} ${yaml.str(k.recipient())}
</#list>
creation_rules:
<#list rules as r>
  - path_regex: ${yaml.str(r.pathRegex())}
    key_groups:
      - age:
<#list r.anchors() as a>
          - *${a}
</#list>
</#list>
