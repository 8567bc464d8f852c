#!/usr/bin/env bash
# Writes a synthetic homelab spec of HOSTS servers with SERVICES services each to stdout, for
# the scaling benchmarks (fleet-scale.sh, the JMH benchmarks) and their test. Each host is
# a realistic server: its LAN range, the tailnet, a Cloudflare tunnel and Caddy, its own age
# recipient; an existing ZFS pool with a dataset per service (quota, record size, one of three
# snapshot policies) and a backup dataset; its services in three tiers, each under a subdomain
# of its own: those with a login of their own on the LAN, the tailnet and public, the others on
# the tailnet only; services that take a secret (admin passwords, environment files) get one of
# their own per host. The tiers' daily backup job copies every host's service data to a restic
# repository on the host's backup dataset. The spec validates without a finding, as a lab kept
# in order does.
# Usage: src/bench/fleet-spec.sh HOSTS SERVICES (SERVICES at most 25).
set -euo pipefail

hosts=${1:?usage: fleet-spec.sh HOSTS SERVICES}
services=${2:?usage: fleet-spec.sh HOSTS SERVICES}
kinds=(vaultwarden nextcloud immich jellyfin audiobookshelf navidrome radarr sonarr bazarr prowlarr
  jellyseerr radicale microbin tdarr mealie forgejo tautulli prometheus loki
  esphome ollama portfolio cooklang plex syncthing)
# Services with a login of their own, served publicly too; those that give their first
# account to whoever comes first are marked claimed.
public=" vaultwarden nextcloud immich jellyfin audiobookshelf navidrome jellyseerr mealie "
claimed=" vaultwarden immich jellyfin audiobookshelf navidrome jellyseerr mealie plex "
if ((services > ${#kinds[@]})); then
  echo "fleet-spec.sh: at most ${#kinds[@]} services per host" >&2
  exit 2
fi
tiers=(critical media optional)
policies=(critical config media)
# A host's age recipient: `age1` and 58 characters of the bech32 alphabet, the last six its number.
bech32=qpzry9x8gf2tvdw0s3jn54khce6mua7l
recipient() {
  local n=$1 tail="" i
  for ((i = 0; i < 6; i++)); do
    tail=${bech32:n % 32:1}$tail
    n=$((n / 32))
  done
  echo "age1$(printf 'qyqszqgp%.0s' 1 2 3 4 5 6)qyqs$tail"
}

cat <<YAML
homelab: { name: fleet, domain: fleet.example.org, timezone: Europe/Berlin, channel: nixos-26.05 }
admins:
  ops:
    sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFleetBenchmarkKey ops@desk"]
    age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
snapshots:
  critical: { frequent: 4, hourly: 24, daily: 7, weekly: 4, monthly: 12 }
  config:   { hourly: 24, daily: 7, weekly: 4, monthly: 6 }
  media:    { daily: 3, weekly: 4 }
tiers:
  critical: { phase: 1, backup: [daily] }
  media:    { phase: 2, snapshots: config, backup: [daily] }
  optional: { phase: 3, snapshots: config, backup: [daily] }
hosts:
YAML
secrets=()
for ((i = 1; i <= hosts; i++)); do
  h=$(printf 'h%03d' "$i")
  cat <<YAML
  $h:
    system: x86_64-linux
    role: server
    stateVersion: "25.05"
    hostId: $(printf '%08x' $((0x10000000 + i)))
    age: $(recipient "$i")
    network:
      lan: { interfaces: [enp1s0], ranges: [10.$((i / 250)).$((i % 250)).0/24] }
      tailscale: true
      tunnel:
        id: $(printf '%08x-0000-4000-8000-%012x' "$i" "$i")
        credentials: { secret: $h/cloudflared }
      proxy: { kind: caddy, tls: internal, tunnelPort: 8081 }
      ssh: { expose: [lan, tailscale] }
    storage:
      tank:
        existing: true
        size: 20T
        datasets:
          services: { mountpoint: none, compression: lz4, atime: off }
          backups:  { mountpoint: /backups, quota: 500G, compression: lz4, owner: "root:root" }
YAML
  secrets+=("$h/cloudflared")
  for ((s = 0; s < services; s++)); do
    k=${kinds[s]}
    echo "          services/$k: { quota: 50G, recordsize: 128K, snapshots: ${policies[s % 3]} }"
  done
  echo "    services:"
  for ((s = 0; s < services; s++)); do
    k=${kinds[s]}
    expose="tailscale"
    [[ $public == *" $k "* ]] && expose="lan, tailscale, public"
    claim=""
    [[ $claimed == *" $k "* ]] && claim="claimed: true, "
    settings=""
    case $k in
      nextcloud) settings=", settings: { adminPassword: { secret: $h/nextcloud-admin } }"; secrets+=("$h/nextcloud-admin:nextcloud") ;;
      vaultwarden) settings=", settings: { adminEnv: { secret: $h/vaultwarden-env } }"; secrets+=("$h/vaultwarden-env:vaultwarden") ;;
    esac
    echo "      $k: { tier: ${tiers[s % 3]}, ${claim}subdomain: $k-$h, expose: [$expose], dataset: tank/services/$k$settings }"
  done
done
cat <<YAML
backups:
  repositories:
    local:
      path: /backups/restic
      password: { secret: restic/password }
  jobs:
    daily:
      to: [local]
      at: "02:00"
      keep: { daily: 30, weekly: 8 }
secrets:
  restic/password: {}
  radicale/htpasswd: { hint: "one line per user, htpasswd -nB alice" }
  microbin/admin-password: {}
  syncthing/gui-password: {}
YAML
for s in "${secrets[@]}"; do
  name=${s%%:*}
  if [ "$name" != "$s" ]; then
    echo "  $name: { owner: ${s#*:} }"
  else
    echo "  $name: {}"
  fi
done
