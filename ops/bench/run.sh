#!/usr/bin/env bash
# One command for the benchmarks: ops/bench/run.sh [--quick] [--case latency,overhead,memory,ratelimit,quota,sweep,startup,console|all] ...
# Builds the jars when they are missing or older than the sources, installs psql when it can, then runs
# com.reportresumer.bench.Bench from ops/bench/target/bench.jar + target/lib (see ops/bench/README.md, --help).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

jars=(batch-app/target/batch-app.jar ops/sandbox/target/sandbox.jar ops/bench/target/bench.jar)
stale=""
for jar in "${jars[@]}"; do
  module=$(dirname "$(dirname "$jar")")
  if [ ! -f "$jar" ]; then
    stale="$jar is missing"
  elif [ -n "$(find "$module/src/main" "$module/pom.xml" pom.xml db/src/main -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    stale="$jar is older than its sources"
  fi
done
if [ -n "$stale" ]; then
  echo "run.sh: $stale: building (./mvnw -B -q -DskipTests install) ..." >&2
  # offline first (everything is usually in ~/.m2 after one ./mvnw install), online otherwise
  ./mvnw -B -q -o -DskipTests install 2>/dev/null || ./mvnw -B -q -DskipTests install
fi

if ! command -v psql >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: psql not found: installing postgresql-client for the plain-loop baseline ..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null) \
      || echo "run.sh: could not install postgresql-client: the plain-loop baseline will be skipped" >&2
  else
    echo "run.sh: psql not found (install postgresql-client): the plain-loop baseline will be skipped" >&2
  fi
fi

# the embedded PostgreSQL's binaries and data directories go to the bench JVM's temporary folder: under target/, not
# /tmp (removed with ./mvnw clean)
tmp="$root/ops/bench/target/tmp"
mkdir -p "$tmp"
exec java -Xmx1g -Dslf4j.internal.verbosity=ERROR -Djava.io.tmpdir="$tmp" \
  -cp "ops/bench/target/bench.jar:ops/bench/target/lib/*" com.reportresumer.bench.Bench --root "$root" "$@"
