#!/usr/bin/env bash
# Makes a release of homelab: builds and tests the jar with the Maven wrapper, checks that the
# jar reports the pom's version, and writes it with its SHA-256 checksum file:
#
#   DIR/homelab-<version>.jar
#   DIR/homelab-<version>.jar.sha256   (sha256sum format: `sha256sum -c` checks it)
#
# Usage: src/release/release.sh [-o DIR] [--no-build] [--jar FILE]
#   -o DIR      where to write the release files (default: target/release)
#   --no-build  release the jar already built instead of running `./mvnw -B verify`
#   --jar FILE  the jar to release (default: target/homelab.jar)
# JAVA names the java to check the jar with (default: java on PATH).
# Exit 0 when written, 1 when the build fails or the jar is not this version's, 2 on usage.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out="$root/target/release"
build=1
jar="$root/target/homelab.jar"

usage() {
  echo "usage: src/release/release.sh [-o DIR] [--no-build] [--jar FILE]" >&2
  exit 2
}

while [ "$#" -gt 0 ]; do
  case "$1" in
    -o | --output)
      [ "$#" -ge 2 ] || usage
      out=$2
      shift 2
      ;;
    --no-build)
      build=0
      shift
      ;;
    --jar)
      [ "$#" -ge 2 ] || usage
      jar=$2
      shift 2
      ;;
    -h | --help)
      sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "release: unknown argument \`$1\`" >&2
      usage
      ;;
  esac
done

# The version: the project's own <version> in the pom (the one after homelab's artifactId).
version=$(tr -d '\r' <"$root/pom.xml" | tr '\n' ' ' |
  sed -n 's|.*<artifactId>homelab</artifactId>[[:space:]]*<version>\([^<]*\)</version>.*|\1|p')
if [ -z "$version" ]; then
  echo "release: no <version> after <artifactId>homelab</artifactId> in $root/pom.xml" >&2
  exit 1
fi

if [ "$build" = 1 ]; then
  echo "release: building and testing homelab $version (./mvnw -B verify)" >&2
  (cd "$root" && ./mvnw -B -q verify) >&2
fi

if [ ! -f "$jar" ]; then
  echo "release: $jar is missing; build it with ./mvnw -B package (or leave out --no-build)" >&2
  exit 1
fi

# The jar must be this version's: a jar left from another checkout is refused.
reported=$("${JAVA:-java}" -jar "$jar" --version | head -n 1)
if [ "$reported" != "homelab $version" ]; then
  echo "release: $jar reports \`$reported\`, the pom says \`homelab $version\`; rebuild it" >&2
  exit 1
fi

name="homelab-$version.jar"
mkdir -p "$out"
cp "$jar" "$out/$name"
(cd "$out" && sha256sum "$name" >"$name.sha256")
echo "$out/$name"
echo "$out/$name.sha256"
