#!/usr/bin/env bash
# The image's memory under the chart's limit: starts IMAGE with --memory 768m (the chart's limit; the JVM sizes its
# heap from it) and bench/application-bench.yml, reads the java process's resident memory and the container's
# memory use at readiness, then after ROUNDS of load (wrk -t2 -c32: 30 s of downloads, then 30 s of 100-key
# batches, per round) again, with the heap's size after its last collection.
# Usage: bench/image-memory.sh [rounds, default 4] [JVM option...]: the options go to the JVM through
# JAVA_TOOL_OPTIONS (e.g. -XX:+UseSerialGC, the collector the JVM would pick in such a container without the
# image's -XX:+AlwaysActAsServerClassMachine). IMAGE (default presign-service:smoke-test, DockerImageSmokeTest's
# tag), PORT and MANAGEMENT_PORT (18080, 18081); NOCACHE=1 starts it without the training run's cache (the entry
# point's options but @/app/jvm.args). Needs Docker, wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-4}"
shift || true
image="${IMAGE:-presign-service:smoke-test}"
port="${PORT:-18080}"
management="${MANAGEMENT_PORT:-18081}"
container="presign-memory-$$"
trap 'docker rm -f "$container" > /dev/null 2>&1 || true' EXIT
options=(-Xlog:gc:file=/tmp/gc.log "$@")
start=("$image")
[ -z "${NOCACHE:-}" ] || start=(--entrypoint java "$image" -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError
  -XX:+AlwaysActAsServerClassMachine --enable-native-access=ALL-UNNAMED -Djava.io.tmpdir=/tmp -jar application.jar)
docker run -d --name "$container" --network host --read-only --tmpfs /tmp --memory 768m \
  -e JAVA_TOOL_OPTIONS="${options[*]}" -v "$PWD/bench/application-bench.yml:/config/bench.yml:ro" "${start[@]}" \
  --spring.config.additional-location=file:/config/bench.yml --server.port="$port" \
  --management.server.port="$management" > /dev/null
until curl -fs -o /dev/null "http://127.0.0.1:$management/actuator/health/readiness"; do
  [ "$(docker inspect -f '{{.State.Running}}' "$container")" = true ] || { docker logs "$container" | tail -5; exit 1; }
  sleep 0.2
done
pid="$(docker inspect -f '{{.State.Pid}}' "$container")"
memory() {
  echo "$(awk '/^(VmRSS|RssAnon|RssFile):/ { printf "%s %d MiB, ", $1, $2 / 1024 }' "/proc/$pid/status")container $(docker stats --no-stream --format '{{.MemUsage}}' "$container")"
}
echo "$image${NOCACHE:+ without its cache}, JAVA_TOOL_OPTIONS=${options[*]}; $(docker exec "$container" sh -c 'grep -m1 "Using" /tmp/gc.log')"
echo "at readiness: $(memory)"
batch="{\"profile\":\"bench\",\"keys\":[$(for k in $(seq 1 100); do printf '"photos/k%d.png",' "$k"; done | sed 's/,$//')]}"
load() {
  BENCH_METHOD=POST BENCH_PATH="$1" BENCH_BODY="$2" BENCH_AUTH='X-Api-Key: bench-key' BENCH_DELAY_MS=0 \
    wrk -t2 -c32 -d30s -s bench/endpoint.lua "http://127.0.0.1:$port" | awk '/^RESULT/ { print $2 " req/s" }'
}
for round in $(seq 1 "$rounds"); do
  echo "round $round: downloads $(load /v1/downloads '{"profile":"bench","key":"photos/cat.png"}'), batches $(load /v1/downloads/batch "$batch"); $(memory)"
done
echo "last collection: $(docker exec "$container" sh -c 'grep "Pause" /tmp/gc.log | tail -1')"
echo "running: $(docker inspect -f '{{.State.Running}}, OOM-killed: {{.State.OOMKilled}}' "$container")"
