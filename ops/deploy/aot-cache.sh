#!/bin/sh
# Lays batch-app.jar out for a fast start, in DIR: DIR/batch-app.jar and DIR/lib/ (the jar extracted: its classes on
# the class path, which the JVM's caches need; a nested jar's classes are never cached), and DIR/batch-app.aot, the
# AOT cache of a JDK 25 or later (-XX:AOTCacheOutput), trained by one start of the whole application (the context
# `run` boots, which holds every class the other commands load but a few) that stops once the context is up
# (spring.context.exit=onRefresh): no database, no API and no settings are needed. Run it again after every upgrade
# of the jar or of the JDK: a cache made for another jar or JVM is refused with a warning, and the JVM then starts
# without it.
#
#   ops/deploy/aot-cache.sh JAR DIR [JAVA]      # JAVA: a JDK 25's bin/java (default: java on the PATH)
#   $JAVA -XX:+UseCompressedOops -XX:AOTCache=DIR/batch-app.aot -jar DIR/batch-app.jar <command> [options]
set -eu
jar=$1
dir=$2
java=${3:-java}
"$java" -Djarmode=tools -jar "$jar" extract --force --destination "$dir" >/dev/null
# the class path of the training run is the one every start must give: the jar by its absolute path
dir=$(cd "$dir" && pwd)
cd "$dir"
# an empty environment: nothing of the caller's configuration goes into the training run (but its JVM options).
# -XX:+UseCompressedOops: a cache holds one mode of object pointers and is refused by a JVM in the other, with five
# lines of warnings on standard output (ahead of a command's data). A JVM whose heap may pass 32 GB drops compressed
# oops, as a share (-XX:MaxRAMPercentage) of a large build host's or server's memory does; pinned here and on every
# command line that sets such a share and uses the cache (the Dockerfile, the Kubernetes CronJob, the systemd units;
# without a share the JVM keeps the heap under 32 GB itself), the cache is made and used in one mode on any machine.
env -i PATH="$PATH" JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-}" "$java" -XX:+UseCompressedOops -XX:AOTCacheOutput=batch-app.aot -Dspring.context.exit=onRefresh -jar "$dir/batch-app.jar" run \
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:1/training >aot-training.log 2>&1
if ! test -s batch-app.aot; then
  echo "aot-cache.sh: the training run made no cache: see $dir/aot-training.log" >&2
  exit 1
fi
rm -f aot-training.log
echo "aot-cache.sh: $dir/batch-app.aot for $dir/batch-app.jar ($("$java" -version 2>&1 | grep -m1 version))"
