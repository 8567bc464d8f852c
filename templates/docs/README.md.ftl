<#import "/lib/nix.ftl" as n>
<@n.lines header/>
# ${title}: what this flake deploys

Per host: what the machine is (its role's defaults, desktop, packages, first install), the
services whose first account is still to be claimed, the ZFS datasets, the backup jobs,
replication, data restored before first start, what an ephemeral root keeps, what it syncs
with the other hosts, and the secrets to put into `secrets/<host>.yaml` with sops; who has an
account there and whose home-manager profile (`home/<person>.nix`) applies; for a Mac, how
nix-darwin is set up.
Generated from ${specFiles} (in `-f` order).
<#list hosts as h>

## ${h.name()}
<#if h.machine()?has_content>

### The machine

<#list h.machine() as l>
- ${l.text()}
</#list>
</#if>
<#if h.darwin()?has_content>

### Setting up this Mac (nix-darwin)

<#list h.darwin() as l>
${l?counter}. ${l.text()}
</#list>
</#if>
<#if h.people()?has_content>

### People

<#list h.people() as l>
- ${l.text()}
</#list>
</#if>
<#if h.unclaimed()?has_content>

### First accounts to claim

Whoever reaches these first takes their admin account: create it over the tailnet, then set
`claimed: true` on the service in the spec to serve it everywhere its exposure says.

<#list h.unclaimed() as l>
- ${l.text()}
</#list>
</#if>
<#if h.datasets()?has_content>

### Datasets

| dataset | mountpoint | size limit | recordsize | snapshots |
|---|---|---|---|---|
<#list h.datasets() as d>
| ${d.name()} | ${d.mountpoint()} | ${d.quota()} | ${d.recordsize()} | ${d.snapshots()} |
</#list>
</#if>
<#if h.backups()?has_content>

### Backup jobs

| job | what | where | when | keeps |
|---|---|---|---|---|
<#list h.backups() as j>
| ${j.name()} | ${j.what()} | ${j.where()} | ${j.when()} | ${j.keep()} |
</#list>
</#if>
<#if h.replication()?has_content>

### Replication (Syncoid)

<#list h.replication() as l>
- ${l.text()}
</#list>
</#if>
<#if h.preseeds()?has_content>

### Restored before first start

<#list h.preseeds() as l>
- ${l.text()}
</#list>
</#if>
<#if h.persisted()?has_content>

### Ephemeral root

${h.persisted()[0].text()}
<#list h.persisted()[1..] as l>
- ${l.text()}
</#list>
</#if>
<#if h.sync()?has_content>

### Sync

<#list h.sync() as l>
- ${l.text()}
</#list>
</#if>
<#if h.monitoring()?has_content>

### Monitoring

<#list h.monitoring() as l>
- ${l.text()}
</#list>
</#if>
<#if h.secrets()?has_content>

### Secrets to create

`sops secrets/${h.name()}.yaml`; `secrets/${h.name()}.required.yaml` lists the same names nested as sops-nix reads them.
${h.recipient()}

| secret | owner, mode | used by | what it holds |
|---|---|---|---|
<#list h.secrets() as s>
| ${s.name()} | ${s.owner()} | ${s.usedBy()} | ${s.hint()} |
</#list>
</#if>
</#list>
<#if install??>

## Installing and deploying

How each host is installed the first time, then kept up to date with ${install.engine()}.

| host | system | first install | then |
|---|---|---|---|
<#list install.rows() as r>
| ${r.host()} | ${r.system()} | ${r.install()} | ${r.update()} |
</#list>
<#if install.phases()?has_content>

Deploying everything, in order:

<#list install.phases() as p>
- ${p}
</#list>
</#if>
<#list install.notes() as n>

${n}
</#list>
</#if>
