#!/usr/bin/env bash
# Fleet scaling benchmark: generates specs of N hosts (each a server with two services under
# subdomains of its own, on the LAN and the tailnet) and times `./homelab validate` on each, as
# a user would, beside a bare `./homelab --version`. Prints the median wall time per size and
# the time per host above the smallest, so a growth faster than linear shows.
# Usage: src/bench/fleet-scale.sh [RUNS] [SIZES...] (defaults: 5 runs; 25 50 100 200 hosts).
set -euo pipefail

runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25 50 100 200)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

spec() { # hosts: writes a spec of that many hosts to stdout
  local n=$1 i name
  cat <<YAML
homelab: { name: fleet, domain: fleet.example.org, timezone: Europe/Berlin, channel: nixos-26.05 }
admins:
  ops:
    sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFleetBenchmarkKey ops@desk"]
    age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
hosts:
YAML
  for ((i = 1; i <= n; i++)); do
    name=$(printf 'h%03d' "$i")
    cat <<YAML
  $name:
    stateVersion: "25.05"
    network:
      lan: { interfaces: [enp1s0], ranges: [10.$((i / 250)).$((i % 250)).0/24] }
      tailscale: true
    services:
      vaultwarden: { claimed: true, subdomain: vault-$name }
      jellyfin: { claimed: true, subdomain: watch-$name }
YAML
  done
}

./homelab --version >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
time_of() { # command...: wall seconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "($end - $start) / 1000000000" | bc -l
}

for n in "${sizes[@]}"; do
  spec "$n" >"$work/fleet-$n.yaml"
  ./homelab validate -f "$work/fleet-$n.yaml" >/dev/null 2>&1 || { ./homelab validate -f "$work/fleet-$n.yaml"; exit 1; }
done

printf '%-8s %12s %12s\n' hosts "validate s" "per host ms"
first_n="" first_t=""
for n in "${sizes[@]}"; do
  for ((r = 0; r < runs; r++)); do time_of ./homelab validate -f "$work/fleet-$n.yaml"; done | median >"$work/t-$n"
  t=$(cat "$work/t-$n")
  if [ -z "$first_n" ]; then
    first_n=$n first_t=$t
    printf '%-8s %12.3f %12s\n' "$n" "$t" "-"
  else
    printf '%-8s %12.3f %12.2f\n' "$n" "$t" "$(echo "($t - $first_t) * 1000 / ($n - $first_n)" | bc -l)"
  fi
done
for ((r = 0; r < runs; r++)); do time_of ./homelab --version; done | median >"$work/t-version"
printf '%-8s %12.3f\n' "--version" "$(cat "$work/t-version")"
