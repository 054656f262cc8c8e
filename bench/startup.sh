#!/usr/bin/env bash
# Start-up benchmark: time to readiness (from launching the JVM to /actuator/health/readiness answering 200 on the
# management port), the CPU time the process used until then, and its resident memory at that moment, for the
# packaged jar started with java -jar and for the image's way of starting it (the jar extracted as the Dockerfile
# extracts it, started from the AOT cache of a training run with the Dockerfile's training arguments), on the
# same JVM, alternating (jar, image way, jar, image way, ...) so that a shared machine's drift falls on both alike.
# The service runs with bench/application-bench.yml and a JWT public key, as for bench/http.sh; after each
# measurement one download URL is asked for with a JWT (the "JWT" column: its HTTP status).
# Usage: bench/startup.sh [runs, default 2] [jar]. Environment:
#   JAVA       the java binary (default: Temurin 25 where installed, else java on the PATH); 25+ for the cache
#   VARIANTS   the ways of starting, in order (default "jar aot"):
#                jar        java -jar on the packaged jar
#                extracted  the jar extracted as the Dockerfile does, no cache
#                aot        the same from the training run's AOT cache: the image's way
#                springaot  aot, on a jar built with Spring's AOT processing (./mvnw -Pnative package, in a copy of
#                           the sources) and started with -Dspring.aot.enabled=true
#                image      the image itself (docker run IMAGE --memory 768m, as the chart limits it; its own JVM
#                           options), with the same configuration mounted
#                image-nocache  the same without the training run's cache (the entry point's options but @jvm.args)
#              Any of them with +ARGUMENT suffixes adds those service arguments to that variant only, for
#              experiments: aot+--spring.main.lazy-initialization=true
#   IMAGE      the image of the variant image (default presign-service:smoke-test, DockerImageSmokeTest's tag)
#   JAVA_OPTS  JVM options of the variants but image (default -Xmx576m, 75% of the chart's 768Mi limit, and the
#              image's --enable-native-access=ALL-UNNAMED, which the training run has too: the cache needs the same)
#   EXTRA_ARGS service arguments added to every variant's
#   PORT, MANAGEMENT_PORT (18080, 18081); KEEP=1 keeps the work directory and its logs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-2}"
if [ -z "${JAVA:-}" ]; then
  JAVA=java
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
read -r -a variants <<< "${VARIANTS:-jar aot}"
read -r -a java_opts <<< "${JAVA_OPTS:--Xmx576m --enable-native-access=ALL-UNNAMED}"
read -r -a extra_args <<< "${EXTRA_ARGS:-}"
image="${IMAGE:-presign-service:smoke-test}"
jar="${2:-}"
if [ -z "$jar" ]; then
  ls target/presign-service-*.jar > /dev/null 2>&1 || ./mvnw -B -ntp -q package -DskipTests -Dmaven.test.skip=true >&2
  jar="$(ls -t target/presign-service-*.jar | head -1)"
fi
jar="$(realpath "$jar")"
source bench/service.sh   # the work directory with the JWT key and token ($work, $token), ports, clean-up
prepare_run startup "$jar"
container=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$container" ] && docker rm -f "$container" > /dev/null 2>&1;
  [ -n "$work" ] && [ -z "${KEEP:-}" ] && rm -rf "$work"; true' EXIT

if curl -fs -o /dev/null "http://127.0.0.1:$management/actuator/health/readiness"; then
  echo "something already answers on port $management; stop it, or set PORT and MANAGEMENT_PORT" >&2; exit 1
fi
args=(--spring.config.additional-location=file:"$PWD/bench/application-bench.yml"
  --spring.security.oauth2.resourceserver.jwt.public-key-location="file:$work/public.pem"
  --server.port="$port" --management.server.port="$management" "${extra_args[@]}")
bases=" ${variants[*]%%+*} "

# The training run's arguments, read from the Dockerfile, and its JVM options, as there.
training_args="$(sed -n 's/^ARG AOT_TRAINING_ARGS="\(.*\)"$/\1/p' Dockerfile)"
[ -n "$training_args" ] || { echo "no ARG AOT_TRAINING_ARGS in the Dockerfile" >&2; exit 1; }

# layout DIRECTORY JAR [JVM options]: the jar extracted into DIRECTORY/app as the Dockerfile does it, and the AOT
# cache of the Dockerfile's training run in DIRECTORY/app/app.aot
layout() {
  local dir="$1" source_jar="$2" start layer
  shift 2
  mkdir -p "$dir/app"
  cp "$source_jar" "$dir/application.jar"
  "$JAVA" -Djarmode=tools -jar "$dir/application.jar" extract --layers --destination "$dir/layers" > /dev/null
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    cp -r "$dir/layers/$layer/." "$dir/app/"
  done
  start=$(date +%s%N)
  # shellcheck disable=SC2086 # the arguments are words, as the Dockerfile's RUN splits them
  (cd "$dir/app" && "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+AlwaysActAsServerClassMachine \
    -Dspring.context.exit=onRefresh "$@" \
    -XX:AOTCacheOutput=app.aot -jar application.jar $training_args > "$dir/training.log" 2>&1) \
    || { echo "training run failed: $dir/training.log" >&2; KEEP=1; exit 1; }
  echo "training run in $dir: $(( ($(date +%s%N) - start) / 1000000 )) ms, cache $(( $(stat -c %s "$dir/app/app.aot") / 1048576 )) MiB"
}
if [[ "$bases" =~ " aot " || "$bases" =~ " extracted " ]]; then
  layout "$work/plain" "$jar"
fi
if [[ "$bases" =~ " springaot " ]]; then
  mkdir -p "$work/aot-src/src"
  cp -r mvnw .mvn pom.xml "$work/aot-src/" && cp -r src/main "$work/aot-src/src/"
  echo "building the jar with Spring's AOT processing (./mvnw -Pnative package, in $work/aot-src)"
  (cd "$work/aot-src" && ./mvnw -B -ntp -q -Pnative package -DskipTests -Dmaven.test.skip=true > "$work/aot-build.log" 2>&1) \
    || { echo "the AOT build failed: $work/aot-build.log" >&2; KEEP=1; exit 1; }
  layout "$work/springaot" "$(ls "$work"/aot-src/target/presign-service-*.jar | head -1)" -Dspring.aot.enabled=true
fi

# launch VARIANT LOG [service arguments]: starts the service the variant's way in the background, sets pid (the
# java process's)
launch() {
  local variant="$1" log="$2"
  shift 2
  case "$variant" in
    jar) "$JAVA" "${java_opts[@]}" -jar "$jar" "${args[@]}" "$@" > "$log" 2>&1 & pid=$! ;;
    extracted) (cd "$work/plain/app" && exec "$JAVA" "${java_opts[@]}" -jar application.jar "${args[@]}" "$@") \
      > "$log" 2>&1 & pid=$! ;;
    aot) (cd "$work/plain/app" && exec "$JAVA" -XX:AOTCache=app.aot --enable-native-access=ALL-UNNAMED \
      "${java_opts[@]}" -jar application.jar "${args[@]}" "$@") > "$log" 2>&1 & pid=$! ;;
    springaot) (cd "$work/springaot/app" && exec "$JAVA" -XX:AOTCache=app.aot --enable-native-access=ALL-UNNAMED \
      -Dspring.aot.enabled=true "${java_opts[@]}" -jar application.jar "${args[@]}" "$@") > "$log" 2>&1 & pid=$! ;;
    image|image-nocache)
      container="presign-startup-$$"
      local without_cache=()
      [ "$variant" = image ] || without_cache=(--entrypoint java "$image" -XX:MaxRAMPercentage=75
        -XX:+ExitOnOutOfMemoryError -XX:+AlwaysActAsServerClassMachine --enable-native-access=ALL-UNNAMED
        -Djava.io.tmpdir=/tmp -jar application.jar)
      docker run -d --name "$container" --network host --read-only --tmpfs /tmp --memory 768m \
        -v "$PWD/bench/application-bench.yml:/config/bench.yml:ro" -v "$work/public.pem:/config/public.pem:ro" \
        "${without_cache[@]:-$image}" --spring.config.additional-location=file:/config/bench.yml \
        --spring.security.oauth2.resourceserver.jwt.public-key-location=file:/config/public.pem \
        --server.port="$port" --management.server.port="$management" "${extra_args[@]}" "$@" > /dev/null
      pid="$(docker inspect -f '{{.State.Pid}}' "$container")" ;;
    *) echo "unknown variant $variant: jar, extracted, aot, springaot, image or image-nocache" >&2; exit 1 ;;
  esac
}

# stop LOG: SIGTERM, then wait for the process to end
stop() {
  if [ -n "$container" ]; then
    docker logs "$container" >> "$1" 2>&1 || true
    docker rm -f "$container" > /dev/null; container=""
  else
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  fi
  pid=""
}

# measure VARIANT[+ARGUMENT...] RUN: sets ready_ms, cpu_ms (the process's CPU time until then), rss_mib and jwt
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
measure() {
  local label="${1:0:40}" start rss_kb variant_args=()
  local log="$work/run-$2-${label//[^A-Za-z0-9.=-]/_}-$(cksum <<< "$1" | cut -d' ' -f1).log"
  IFS='+' read -r -a variant_args <<< "$1"
  # Another process on the port (another benchmark on the machine, say) would answer for this one.
  if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$management/actuator/health/readiness"; then
    echo "something else answers on port $management before $1 starts; set PORT and MANAGEMENT_PORT" >&2; exit 1
  fi
  start=$(date +%s%N)
  launch "${variant_args[0]}" "$log" "${variant_args[@]:1}"
  until curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$management/actuator/health/readiness"; do
    kill -0 "$pid" 2> /dev/null || { echo "$1 did not start; log: $log" >&2; tail -5 "$log" >&2; KEEP=1; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  rss_mib=$(( rss_kb / 1024 ))
  cpu_ms=$(awk -v t="$tick_ms" '{ print ($14 + $15) * t }' "/proc/$pid/stat")
  jwt=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/v1/downloads" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$(body_of downloads)")
  stop "$log"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | sed -n 2p)"
echo "JVM options: ${java_opts[*]}; extra service arguments: ${extra_args[*]:-none}"
# One start of each, not counted: the jars come into the page cache alike.
for variant in "${variants[@]}"; do
  measure "$variant" warmup
done
declare -A ready rss cpu jwts
for run in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    measure "$variant" "$run"
    ready[$variant]="${ready[$variant]:-} $ready_ms"
    rss[$variant]="${rss[$variant]:-} $rss_mib"
    cpu[$variant]="${cpu[$variant]:-} $cpu_ms"
    jwts[$variant]="${jwts[$variant]:-} $jwt"
    echo "run $run, $variant: ready in $ready_ms ms (CPU $cpu_ms ms), RSS $rss_mib MiB, JWT $jwt; load $(cut -d' ' -f1 /proc/loadavg)"
  done
done

mean() { tr ' ' '\n' | awk 'NF { s += $1; n++ } END { printf "%.0f", s / n }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
baseline="$(echo "${ready[${variants[0]}]}" | mean)"
baseline_cpu="$(echo "${cpu[${variants[0]}]}" | mean)"
echo
echo "| way of starting | ready, ms (each run) | mean ms | ÷ ${variants[0]} | CPU to ready, ms (mean) | ÷ ${variants[0]} | RSS at ready, MiB (each run) | JWT |"
echo "|---|---|---|---|---|---|---|---|"
for variant in "${variants[@]}"; do
  m="$(echo "${ready[$variant]}" | mean)"
  c="$(echo "${cpu[$variant]}" | mean)"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$variant" "$(echo ${ready[$variant]} | sed 's/ /, /g')" "$m" \
    "$(ratio "$m" "$baseline")" "$c" "$(ratio "$c" "$baseline_cpu")" "$(echo ${rss[$variant]} | sed 's/ /, /g')" \
    "$(echo ${jwts[$variant]} | tr ' ' '\n' | sort | uniq -c | awk '{ printf "%s%s×%s", (NR > 1 ? ", " : ""), $1, $2 }')"
done
