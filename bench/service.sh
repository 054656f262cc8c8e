# Sourced by the benchmark scripts (bench/http.sh, bench/cpu-ratio.sh, bench/cpu-profile.sh): the packaged jar, started with
# bench/application-bench.yml on PORT and MANAGEMENT_PORT (18080, 18081) and verifying tokens with the key
# bench/MintToken.java wrote into $work. Sets port, management and pid. On exit the service is stopped and $work
# removed, with the service's log in it unless LOG put that elsewhere: an audit line per request makes it about 1.5 GB
# for bench/cpu-profile.sh and several for each jar of bench/http.sh, enough to fill the disk of a small machine.
# KEEP=1 keeps it.
port="${PORT:-18080}"
management="${MANAGEMENT_PORT:-18081}"
pid=""
work=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$work" ] && [ -z "${KEEP:-}" ] && rm -rf "$work"; true' EXIT

# packaged_jar: the jar ./mvnw package makes, made now (Maven's output goes to stderr, the path to stdout)
packaged_jar() {
  ./mvnw -B -q -DskipTests package >&2
  ls target/presign-service-*.jar | grep -v plain | head -1
}

# prepare_run NAME [JAR]: a work directory presign-NAME.* ($work) holding the key the service verifies tokens
# with, a token signed with that key ($token), the jar to start ($jar: the one given, or the packaged one) and
# the header the requests authenticate with ($auth): AUTH=api-key (the default) or AUTH=jwt, the token
prepare_run() {
  work="$(mktemp -d -t "presign-$1.XXXXXX")"
  jar="${2:-}"
  [ -n "$jar" ] || jar="$(packaged_jar)"
  token="$(java bench/MintToken.java "$work" jwt-bench bench)"
  case "${AUTH:-api-key}" in
    api-key) auth="X-Api-Key: bench-key" ;;
    jwt) auth="Authorization: Bearer $token" ;;
    *) echo "AUTH is api-key or jwt, not $AUTH" >&2; return 1 ;;
  esac
}

# body_of downloads|uploads|downloads/batch: the JSON body the benchmarks send to POST /v1/ENDPOINT (the batch: 100 keys)
body_of() {
  case "$1" in
    downloads) echo '{"profile":"bench","key":"photos/cat.png"}' ;;
    uploads) echo '{"profile":"bench","key":"photos/new.png","contentType":"image/png","contentLength":1024}' ;;
    downloads/batch)
      local keys="" i
      for i in $(seq 1 100); do keys="$keys${keys:+,}\"photos/k$i.png\""; done
      echo "{\"profile\":\"bench\",\"keys\":[$keys]}" ;;
    *) echo "no benchmark body for $1: downloads, uploads or downloads/batch" >&2; return 1 ;;
  esac
}

# start_service JAR LOG [service arguments...]: returns once the readiness probe answers UP
start_service() {
  local jar="$1" log="$2"
  shift 2
  if curl -fs "http://127.0.0.1:$management/actuator/health/readiness" > /dev/null; then
    echo "something already answers on port $management; stop it, or set PORT and MANAGEMENT_PORT"; exit 1
  fi
  java -Xmx576m -jar "$jar" --spring.config.additional-location=file:bench/application-bench.yml \
    --spring.security.oauth2.resourceserver.jwt.public-key-location="file:$work/public.pem" \
    --server.port="$port" --management.server.port="$management" "$@" > "$log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$management/actuator/health/readiness" > /dev/null; do
    kill -0 "$pid" 2> /dev/null || { echo "the service did not start; log: $log"; tail -5 "$log"; exit 1; }
    sleep 0.05
  done
  kill -0 "$pid" 2> /dev/null || { echo "the service exited; log: $log"; tail -5 "$log"; exit 1; }
}
