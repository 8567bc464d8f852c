<#-- Shared layout for NixOS module files: header, why-comment, arguments, bindings. -->
<#macro lines list><#list list as line>${line}
</#list></#macro>
<#macro module m>
<@lines m.header()/>
<@lines m.comment()/>
${m.args()}:
<#if m.lets()?has_content>
let
${nix.bindings(m.lets(), 2)}in
</#if>
<#if m.bindings()?has_content>
{
${nix.bindings(m.bindings(), 2)}}
<#else>
{ }
</#if>
</#macro>
