#!/usr/bin/env bash
# Native-image probe: tries to build a GraalVM native executable of homelab from what Maven
# Central offers (org.graalvm.nativeimage:svm and its dependencies, the builder's Java code)
# on the Temurin 25 JDK, which carries JVMCI and the jdk.graal.compiler module. It does by
# hand what GraalVM's `native-image` driver would do (module path, exports, builder
# properties), and prints where the build stops. docs/performance.md says what it found.
# Usage: src/bench/native-image-probe.sh [GRAAL_VERSION] (default 25.0.2). Needs the network
# once (Maven Central), gcc, and the jar (./homelab --version builds it).
set -euo pipefail

version=${1:-25.0.2}
jdk=${PROBE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./homelab --version >/dev/null

# The builder and its dependencies, from Maven Central.
JAVA_HOME=$jdk ./mvnw -q dependency:get -Dartifact="org.graalvm.nativeimage:svm:$version" >/dev/null 2>&1
repo=$(./mvnw -q help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || echo "$HOME/.m2/repository")
jars=$(find "$repo/org/graalvm" -name "*-$version.jar")
modules=$(grep -v -e "/compiler-$version.jar" -e "/truffle-compiler-$version.jar" <<<"$jars" | paste -sd:)
upgrades=$(grep -e "/compiler-$version.jar" -e "/truffle-compiler-$version.jar" <<<"$jars" | paste -sd:)

# The builder looks for its helpers under java.home (lib/svm/...): a JDK copy whose java.home
# is writable, with the one JNI helper the build report needs made from a few lines of C.
mkdir -p "$work/jdk/lib"
for f in "$jdk"/*; do [ "$(basename "$f")" = lib ] || [ "$(basename "$f")" = bin ] || ln -s "$f" "$work/jdk/"; done
for f in "$jdk"/lib/*; do [ "$(basename "$f")" = server ] || ln -s "$f" "$work/jdk/lib/"; done
cp -a "$jdk/bin" "$work/jdk/bin"
cp -a "$jdk/lib/server" "$work/jdk/lib/server"
mkdir -p "$work/jdk/lib/svm/builder/lib"
cat >"$work/helper.c" <<'C'
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>
JNIEXPORT jlong JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *e, jclass c) {
  struct rusage u;
  return getrusage(RUSAGE_SELF, &u) ? -1 : (jlong)u.ru_maxrss * 1024;
}
JNIEXPORT jint JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *e, jclass c) {
  struct winsize w;
  return ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) ? -1 : w.ws_col;
}
C
gcc -shared -fPIC -I"$jdk/include" -I"$jdk/include/linux" -o "$work/jdk/lib/svm/builder/lib/libreporterchelper.so" "$work/helper.c"
java="$work/jdk/bin/java"

# Every internal package of the JDK exported and opened to the builder's modules.
targets=org.graalvm.nativeimage.base,org.graalvm.nativeimage.builder,org.graalvm.nativeimage.pointsto,jdk.graal.compiler,org.graalvm.nativeimage.objectfile
for mod in $("$java" --list-modules | sed 's/@.*//'); do
  for p in $("$java" --describe-module "$mod" | awk '$1=="contains"{print $2} $1=="qualified"{print $3}' | sort -u); do
    echo "--add-exports=$mod/$p=$targets"
    echo "--add-opens=$mod/$p=$targets"
  done
done >"$work/exports.args"

set +e
"$java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:-UseJVMCICompiler -Xmx4g \
  -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader \
  -Dorg.graalvm.nativeimage.imagecode=buildtime -Djdk.internal.lambda.disableEagerInitialization=true \
  -Dcom.oracle.graalvm.isaot=true -Dorg.graalvm.version="$version" -Dorg.graalvm.vendor=GraalVM \
  @"$work/exports.args" --upgrade-module-path "$upgrades" --module-path "$modules" --add-modules ALL-DEFAULT \
  -m org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner \
  -imagecp "$root/target/homelab.jar" -H:Path="$root/target" -H:Name=homelab-native -H:Class=dev.homelab.cli.Main \
  -H:ImageBuildID=00000000-0000-4000-8000-000000000001 >"$work/build.log" 2>&1
rc=$?
set -e
grep -v -e '^\s*at ' -e '^WARNING' "$work/build.log" | grep -E -A4 'Error|error|Generating|Initializing' | head -20
if [ "$rc" -eq 0 ] && [ -x "$root/target/homelab-native" ]; then
  echo "built: target/homelab-native"
else
  echo "no native executable (builder exit $rc)"
  exit 1
fi
