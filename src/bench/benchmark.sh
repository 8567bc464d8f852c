#!/usr/bin/env bash
# Start-up benchmark: runs `./homelab validate` and `./homelab gen` on the NUC example
# exactly as a user would, alternating with a bare JVM printing "hello" on the java binary
# the launcher picked (default flags). Prints the median wall time and median peak memory
# (max RSS) of each, and the ratios to hello. Usage: src/bench/benchmark.sh [RUNS] (default 11).
set -euo pipefail

runs=${1:-11}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
spec=examples/nuc-homelab.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in /usr/bin/time bc javac; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y time bc, and a JDK)" >&2; exit 2; }
done

# Build the jar and the launcher's class cache before timing anything.
./homelab --version >/dev/null
./homelab validate -f "$spec" >/dev/null 2>&1
java=$(HOMELAB_WHICH_JAVA=1 ./homelab)

mkdir -p "$work/hello-src"
cat > "$work/hello-src/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
JAVA
javac --release 17 -d "$work/hello-src" "$work/hello-src/Hello.java"

# shellcheck source=src/bench/machine-probe.sh
source "$root/src/bench/machine-probe.sh"
probe_before=$(machine_probe)

measure() { # name, command...: appends "seconds kb" to $work/name (wall time in ns resolution)
  local name=$1 start end
  shift
  start=$(date +%s%N)
  /usr/bin/time -o "$work/rss" -f "%M" "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "$(echo "($end - $start) / 1000000000" | bc -l) $(tail -1 "$work/rss")" >>"$work/$name"
}

for _ in $(seq "$runs"); do
  measure hello "$java" -cp "$work/hello-src" Hello
  measure validate ./homelab validate -f "$spec"
  rm -rf "$work/out"
  measure gen-fresh ./homelab gen -f "$spec" -o "$work/out"
  measure gen-unchanged ./homelab gen -f "$spec" -o "$work/out"
done

probe_after=$(machine_probe)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
hello_s=$(cut -d' ' -f1 "$work/hello" | median)
hello_kb=$(cut -d' ' -f2 "$work/hello" | median)

echo "java: $java ($("$java" -version 2>&1 | head -1))"
echo "runs: $runs each, alternating; median wall time and median peak RSS"
echo "machine probe (50,000 steps of a bash loop): $probe_before ms before, $probe_after ms after"
printf '%-16s %9s %8s %11s %8s\n' command wall x-hello "peak MiB" x-hello
for name in hello validate gen-fresh gen-unchanged; do
  s=$(cut -d' ' -f1 "$work/$name" | median)
  kb=$(cut -d' ' -f2 "$work/$name" | median)
  printf '%-16s %8.3fs %7.1fx %11.1f %7.1fx\n' "$name" "$s" "$(echo "$s / $hello_s" | bc -l)" \
    "$(echo "$kb / 1024" | bc -l)" "$(echo "$kb / $hello_kb" | bc -l)"
done
