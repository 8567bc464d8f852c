# shellcheck shell=bash
# Sourced by the benchmarks: how fast the machine is right now. A virtual machine's speed can
# drift by a third within an hour (another tenant, the host's power state), which moves every
# figure with it; a fixed piece of work timed before and after the rounds says whether two
# runs of a benchmark can be compared (at similar readings) or not.
machine_probe() { # prints milliseconds for 50,000 steps of a bash loop
  local start end i
  start=$(date +%s%N)
  for ((i = 0; i < 50000; i++)); do :; done
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
