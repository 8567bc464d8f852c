<#import "/lib/nix.ftl" as n>
<@n.lines header/>
<@n.lines intro/>
<#list entries as e>
<#assign pad = ""?left_pad(e.depth() * 2)>
${pad}${yaml.str(e.key())}:
<#if e.secret()??>
${pad}  owner: ${yaml.str(e.secret().owner())}
${pad}  group: ${yaml.str(e.secret().group())}
${pad}  mode: ${yaml.str(e.secret().mode())}
${pad}  used_by: ${yaml.str(e.secret().usedBy())}
<#if e.secret().hint()??>
${pad}  hint: ${yaml.str(e.secret().hint())}
</#if>
</#if>
</#list>
