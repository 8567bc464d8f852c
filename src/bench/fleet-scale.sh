#!/usr/bin/env bash
# Fleet scaling benchmark: generates specs of N hosts with M services each
# (src/bench/fleet-spec.sh: datasets, exposure, backups, secrets) and times `./homelab
# validate`, `./homelab gen` (into an empty folder) and the same gen again (nothing changed:
# the `unchanged` row) on each, as a user would, beside
# `./homelab --version` (the launcher and a JVM that loads the CLI: start-up). Prints, per
# size, the median wall time, user CPU time and peak RSS of each, the time beyond start-up,
# and its growth from the size before (a doubling of hosts should at most about double it);
# the same for user CPU time beyond that of start-up, which a busy machine disturbs less.
# With PLOT=FILE.svg it also draws the table (an SVG the script writes itself): wall time
# beyond start-up, or user CPU time with PLOT_METRIC=user. With FLEET_OUT=DIR gen writes its
# outputs in a folder made in DIR (FLEET_OUT=/dev/shm: a RAM disk) instead of the temporary folder.
# Usage: src/bench/fleet-scale.sh [RUNS] [SERVICES] [SIZES...]
#   (defaults: 3 runs, 25 services per host, 25 50 100 200 hosts)
set -euo pipefail

runs=${1:-3}
services=${2:-25}
shift 2 || shift $# || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25 50 100 200)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
work=$(mktemp -d)
# Where gen writes its outputs: the temporary folder by default, or a folder made in
# FLEET_OUT (FLEET_OUT=/dev/shm: a RAM disk, to time the compiler without the disk's own cost
# of creating thousands of files, which on a virtual disk can dwarf it).
out=$work
[ -z "${FLEET_OUT:-}" ] || out=$(mktemp -d "$FLEET_OUT/fleet-scale.XXXXXX")
trap 'rm -rf "$work" "$out"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian: apt-get install -y time)" >&2; exit 2; }

./homelab --version >/dev/null
for n in "${sizes[@]}"; do
  src/bench/fleet-spec.sh "$n" "$services" >"$work/fleet-$n.yaml"
  ./homelab validate -f "$work/fleet-$n.yaml" >/dev/null 2>&1 || { ./homelab validate -f "$work/fleet-$n.yaml" | tail -20; exit 1; }
done

measure() { # name, command...: appends "wall-seconds user-seconds max-rss-kb" to $work/name
  local name=$1 start end
  shift
  start=$(date +%s%N)
  /usr/bin/time -o "$work/time" -f "%U %M" "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "$(echo "($end - $start) / 1000000000" | bc -l) $(tail -1 "$work/time")" >>"$work/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
col() { cut -d' ' -f"$2" "$work/$1" | median; }

# shellcheck source=src/bench/machine-probe.sh
source "$root/src/bench/machine-probe.sh"
probe_before=$(machine_probe)
# Alternating: one run of each command and size per round, so load changes hit all alike.
for ((r = 0; r < runs; r++)); do
  measure version ./homelab --version
  for n in "${sizes[@]}"; do
    measure "validate-$n" ./homelab validate -f "$work/fleet-$n.yaml"
    # A new empty folder each time: removing thousands of files just before the run would leave
    # the file system busy with the removal while gen writes (ext4 frees the blocks afterwards).
    measure "gen-$n" ./homelab gen -f "$work/fleet-$n.yaml" -o "$out/out-$n-$r"
    # The same gen again, nothing to write: what CI and a pre-commit check of a kept flake cost.
    measure "unchanged-$n" ./homelab gen -f "$work/fleet-$n.yaml" -o "$out/out-$n-$r"
  done
done

probe_after=$(machine_probe)
base=$(col version 1)
base_user=$(col version 2)
echo "java: $(HOMELAB_WHICH_JAVA=1 ./homelab); $runs runs each, alternating; medians; $services services per host"
echo "outputs in: $(df --output=fstype "$out" | tail -1) ($(dirname "$out"))"
echo "machine probe (50,000 steps of a bash loop): $probe_before ms before, $probe_after ms after"
echo "start-up (--version): $(printf '%.3f' "$base") s wall, $(printf '%.2f' "$base_user") s user CPU"
printf '%-6s %-9s %8s %8s %7s %8s %8s %7s %8s\n' hosts command "wall s" "beyond" "growth" "user s" "beyond" "growth" "RSS MiB"
: >"$work/table"
for cmd in validate gen unchanged; do
  prev="" prev_user=""
  for n in "${sizes[@]}"; do
    wall=$(col "$cmd-$n" 1)
    user=$(col "$cmd-$n" 2)
    kb=$(col "$cmd-$n" 3)
    beyond=$(echo "$wall - $base" | bc -l)
    beyond_user=$(echo "$user - $base_user" | bc -l)
    growth="-" growth_user="-"
    [ -n "$prev" ] && growth=$(printf '%.2fx' "$(echo "$beyond / $prev" | bc -l)")
    [ -n "$prev_user" ] && growth_user=$(printf '%.2fx' "$(echo "$beyond_user / $prev_user" | bc -l)")
    printf '%-6s %-9s %8.3f %8.3f %7s %8.2f %8.2f %7s %8.1f\n' "$n" "$cmd" "$wall" "$beyond" "$growth" "$user" "$beyond_user" "$growth_user" "$(echo "$kb / 1024" | bc -l)"
    if [ "${PLOT_METRIC:-wall}" = user ]; then
      echo "$cmd $n $beyond_user $(echo "$kb / 1024" | bc -l)" >>"$work/table"
    else
      echo "$cmd $n $beyond $(echo "$kb / 1024" | bc -l)" >>"$work/table"
    fi
    prev=$beyond prev_user=$beyond_user
  done
done

if [ -n "${PLOT:-}" ]; then
  # Time beyond start-up against hosts, one line per command, with a linear reference
  # through the smallest size of gen; plain SVG, no plotting tool needed.
  metric="wall time"
  [ "${PLOT_METRIC:-wall}" = user ] && metric="user CPU time"
  awk -v services="$services" -v base="$base" -v metric="$metric" '
    { cmd[NR] = $1; n[NR] = $2 + 0; t[NR] = $3 + 0; if (n[NR] > maxn) maxn = n[NR]; if (t[NR] > maxt) maxt = t[NR]
      if ($1 == "gen" && (minn == "" || n[NR] < minn)) { minn = n[NR]; mint = t[NR] } }
    END {
      W = 640; H = 400; L = 70; R = 20; T = 40; B = 50
      if (minn != "" && mint * maxn / minn > maxt) maxt = mint * maxn / minn
      maxt *= 1.1
      sx = (W - L - R) / maxn; sy = (H - T - B) / maxt
      printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H
      printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
      printf "<text x=\"%d\" y=\"22\" font-size=\"14\">homelab on N hosts x %d services: %s beyond start-up</text>\n", L, services, metric
      printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", L, H - B, W - R, H - B
      printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", L, T, L, H - B
      for (i = 0; i <= 4; i++) {
        v = maxt * i / 4; y = H - B - v * sy
        printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", L, y, W - R, y
        printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f s</text>\n", L - 6, y + 4, v
      }
      for (i = 1; i <= NR; i++) if (!(n[i] in xs)) { xs[n[i]] = 1
        printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", L + n[i] * sx, H - B + 18, n[i] }
      printf "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">hosts</text>\n", (L + W - R) / 2, H - 12
      if (minn != "") printf "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"5,4\"/>\n", L, H - B, L + maxn * sx, H - B - mint * maxn / minn * sy
      split("validate gen", cmds, " "); color["validate"] = "#1f77b4"; color["gen"] = "#d62728"
      for (c = 1; c <= 2; c++) {
        pts = ""
        for (i = 1; i <= NR; i++) if (cmd[i] == cmds[c]) {
          pts = pts sprintf("%.1f,%.1f ", L + n[i] * sx, H - B - t[i] * sy)
          printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", L + n[i] * sx, H - B - t[i] * sy, color[cmds[c]]
        }
        printf "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", pts, color[cmds[c]]
        printf "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n", L + 12, T + 16 * c, color[cmds[c]], cmds[c]
      }
      printf "<text x=\"%d\" y=\"%d\" fill=\"#999\">linear from the smallest gen</text>\n", L + 12, T + 48
      print "</svg>"
    }' "$work/table" >"$PLOT"
  echo "plot: $PLOT"
fi
