#!/usr/bin/env bash
# The HTTP benchmark: starts the packaged jar with bench/application-bench.yml (static credentials, rate limit
# off, JSON logs to a file), warms it, then runs wrk against downloads, uploads and a batch of 100 keys, with an
# API key and with a JWT, and prints req/s, p50/p99 and errors. Each run comes between two runs against the
# trivial endpoint (management liveness: the ceiling), and its ratio is to their mean, so that a shared machine's
# drift, steady over the three runs, does not enter the ratio; the two show how steady it was. Then p99 at about
# half of the peak rate, the time to ready and the resident memory after the runs.
# Needs wrk (Debian package wrk), curl and a JDK. Usage: bench/http.sh [seconds per run] [jar...]; WARMUP=30
# (seconds per path and authentication, four times that for the batch) sets the warm-up; PORT and
# MANAGEMENT_PORT (18080, 18081) the service's ports; KEEP=1 keeps each jar's log (an audit line per request).
# With several jars (say, before and after a change) each is measured in turn, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
shift || true
jars=("$@")
source bench/service.sh
# The work directory and token for every jar; the packaged jar when none is given.
prepare_run http "${jars[0]:-}"
[ "${#jars[@]}" -gt 0 ] || jars=("$jar")

download="$(body_of downloads)"
upload="$(body_of uploads)"
batch="$(body_of downloads/batch)"

# run CONNECTIONS METHOD BASE_URL PATH BODY AUTH [DELAY_MS] -> "req/s p50 p99 errors requests". An answer slower
# than wrk's default 2 s (a cold JIT on a loaded machine) counts in the latency, not as an error: --timeout 10s.
run() {
  BENCH_METHOD="$2" BENCH_PATH="$4" BENCH_BODY="$5" BENCH_AUTH="$6" BENCH_DELAY_MS="${7:-0}" \
    wrk -t2 -c"$1" -d"${seconds}s" --timeout 10s -s bench/endpoint.lua "$3" | awk '/^RESULT/ { print $2, $3, $4, $5, $6 }'
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), wrk -t2 on the same cores"
echo "each run: ${seconds} s, wrk -t2 -c32 unless said"
for jar in "${jars[@]}"; do
  log="$work/$(basename "$jar").log"
  start=$(date +%s%N)
  start_service "$jar" "$log"
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  api="http://127.0.0.1:$port"
  probes="http://127.0.0.1:$management"
  key="X-Api-Key: bench-key"
  jwt="Authorization: Bearer $token"
  # Warm-up: every path, both authentications. On two shared cores the JIT needs about a minute of load
  # before even the trivial endpoint stops getting faster (measured: 2,000 req/s in the first 8 s, 12,000
  # after 60 s), so shorter warm-ups make every ratio below a comparison of unequally warm paths. The batch
  # needs longer: under its own load alone the JIT still compiled 200 to 1,200 methods per 10 s until
  # 110 s, and its req/s kept rising until about 200 s (docs/performance.md, ninth round).
  seconds="${WARMUP:-30}" run 32 GET "$probes" /actuator/health/liveness "" "" > /dev/null
  for body in "$download" "$upload" "$batch"; do
    path=/v1/downloads; [ "$body" = "$upload" ] && path=/v1/uploads; [ "$body" = "$batch" ] && path=/v1/downloads/batch
    warmup="${WARMUP:-30}"; [ "$body" = "$batch" ] && warmup=$(( warmup * 4 ))
    seconds="$warmup" run 32 POST "$api" "$path" "$body" "$key" > /dev/null
    seconds="$warmup" run 32 POST "$api" "$path" "$body" "$jwt" > /dev/null
  done
  seconds="${WARMUP:-30}" run 32 GET "$probes" /actuator/health/liveness "" "" > /dev/null

  echo
  echo "## $(basename "$jar")"
  echo
  echo "| endpoint | auth | req/s | URLs/s | p50 ms | p99 ms | errors | trivial req/s, run just before | just after | URLs/s ÷ trivial req/s (their mean) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  declare -A peak=()
  for auth in api-key jwt; do
    header="$key"; [ "$auth" = jwt ] && header="$jwt"
    for endpoint in downloads uploads batch; do
      case "$endpoint" in
        downloads) path=/v1/downloads; body="$download"; urls=1 ;;
        uploads) path=/v1/uploads; body="$upload"; urls=1 ;;
        batch) path=/v1/downloads/batch; body="$batch"; urls=100 ;;
      esac
      read -r before _ < <(run 32 GET "$probes" /actuator/health/liveness "" "")
      read -r rate p50 p99 errors total < <(run 32 POST "$api" "$path" "$body" "$header")
      read -r after _ < <(run 32 GET "$probes" /actuator/health/liveness "" "")
      peak["$endpoint-$auth"]=$rate
      label="POST $path"; [ "$urls" -gt 1 ] && label="$label, $urls keys"
      # The ratio compares URLs/s with the trivial endpoint's req/s.
      awk -v label="$label" -v auth="$auth" -v rate="$rate" -v urls="$urls" -v p50="$p50" -v p99="$p99" \
        -v errors="$errors of $total" -v before="$before" -v after="$after" \
        'BEGIN { printf "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %.2f |\n", label, auth, rate, rate * urls, p50, p99,
          errors, before, after, rate * urls / ((before + after) / 2) }'
    done
  done
  echo
  echo "p99 at about half the peak rate (each connection pausing between requests):"
  echo
  echo "| endpoint | auth | target req/s | connections | pause ms | req/s | p50 ms | p99 ms | errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for endpoint in downloads uploads; do
    path=/v1/$endpoint; body="$download"; [ "$endpoint" = uploads ] && body="$upload"
    target=$(( ${peak[$endpoint-api-key]} / 2 ))
    [ "$target" -gt 0 ] || target=1
    # Each connection waits so that 16 of them send about the target rate; the answer time adds a little.
    connections=16
    pause=$(( connections * 1000 / target - 1 ))
    # wrk pauses in whole milliseconds: where 16 connections would pause less than 4 ms (above 3,200 req/s),
    # a pause rounded down to 1 or 0 would not hold the rate, so more connections pause 4 ms each, counting
    # about a millisecond for each answer.
    if [ "$pause" -lt 4 ]; then
      pause=4
      connections=$(( target * (pause + 1) / 1000 ))
      [ "$connections" -ge 2 ] || connections=2
    fi
    # Never so long that a short run sends nothing (wrk pauses before the first request too).
    [ "$pause" -gt $(( seconds * 250 )) ] && pause=$(( seconds * 250 ))
    read -r rate p50 p99 errors total < <(run "$connections" POST "$api" "$path" "$body" "$key" "$pause")
    echo "| POST $path | api-key | $target | $connections | $pause | $rate | $p50 | $p99 | $errors of $total |"
  done
  rss_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
  started="$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$log" | head -1 || true)"
  echo
  echo "time to ready (launch to readiness UP): ${ready_ms} ms (${started:-no start line}); RSS after the runs: $(( rss_kb / 1024 )) MiB; log: $log ($(wc -l < "$log") lines; removed now unless KEEP=1)"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  # Several GB a jar: one jar's log goes before the next jar starts writing its own.
  [ -n "${KEEP:-}" ] || rm -f "$log"
done
