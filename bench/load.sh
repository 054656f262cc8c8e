#!/usr/bin/env bash
# Sixty seconds of mixed traffic (downloads, uploads, batches, refusals) against the packaged jar, three runs
# in a row; after each run the heap is measured after a full GC, so growth across runs shows a leak.
# Needs wrk (Debian package wrk) and a JDK. Usage: bench/load.sh [seconds per run] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
runs="${2:-3}"
port=18080
management=18081

./mvnw -B -q -DskipTests package
jar="$(ls target/presign-service-*.jar | grep -v plain | head -1)"
log="$(mktemp -t presign-load.XXXXXX.log)"
java -Xms256m -Xmx256m -jar "$jar" --spring.config.additional-location=file:bench/application-bench.yml \
  --server.port="$port" --management.server.port="$management" > "$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$management/actuator/health/readiness" > /dev/null && break
  sleep 1
done

heap_after_gc() {
  jcmd "$pid" GC.run > /dev/null
  sleep 1
  jcmd "$pid" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") print $(i + 1) }'
}

url="http://127.0.0.1:$port"
echo "warm-up: 15 s"
wrk -t2 -c16 -d15s -s bench/mixed.lua "$url" > /dev/null
echo "heap after GC before the runs: $(heap_after_gc)"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), wrk -t2 -c16 sharing the cores"
for run in $(seq 1 "$runs"); do
  result="$(wrk -t2 -c16 -d"${seconds}s" -s bench/mixed.lua "$url" | grep '^RESULT')"
  echo "run $run: ${result#RESULT } heap_after_gc=$(heap_after_gc)"
done
echo "application log: $log ($(wc -l < "$log") lines)"
