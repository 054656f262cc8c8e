#!/usr/bin/env bash
# What a download (or another request) costs the service against the trivial endpoint, in the service's own CPU time
# per request: less sensitive than req/s to a shared machine's drift, since the load generator's share does not
# enter. Starts the packaged jar with bench/application-bench.yml (and any arguments after the jar, such as
# --logging.level.presign.audit=OFF), warms it by alternating the two, then alternates the trivial endpoint
# (management liveness) and POST /v1/downloads (API key; or ENDPOINT, AUTH) in PAIRS pairs of RUN-second wrk runs,
# and prints each pair and the medians: CPU µs per request (user and system, from /proc/<pid>/stat), req/s, and the
# ratios. Linux only. Usage: bench/cpu-ratio.sh [jar [service arguments...]]; WARMUP=100 (seconds), PAIRS=6, RUN=8
# (seconds; a measured run that completes no request ends the script, saying so),
# LOG (where the service's output goes; /dev/null measures logging without the disk), ENDPOINT=uploads or
# downloads/batch (that request of bench/http.sh instead of the download), AUTH=jwt (a bearer token instead of the
# API key).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/service.sh
prepare_run cpu "${1:-}"
shift || true
start_service "$jar" "${LOG:-$work/service.log}" "$@"

endpoint="${ENDPOINT:-downloads}"
body="$(body_of "$endpoint")"
# measure SECONDS trivial|api -> "req/s cpu-µs-per-request" (an answer slower than 10 s is an error, as in bench/http.sh)
measure() {
  local method=GET base="http://127.0.0.1:$management" path=/actuator/health/liveness sent="" header=""
  if [ "$2" = api ]; then
    method=POST base="http://127.0.0.1:$port" path="/v1/$endpoint" sent="$body" header="$auth"
  fi
  local before after result
  before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  result=$(BENCH_METHOD="$method" BENCH_PATH="$path" BENCH_BODY="$sent" BENCH_AUTH="$header" \
    wrk -t2 -c32 -d"$1s" --timeout 10s -s bench/endpoint.lua "$base" | awk '/^RESULT/ { print $2, $5, $6 }')
  after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  [ -n "$result" ] || { echo "wrk printed no result for $path" >&2; return 1; }
  # RESULT: req/s, errors, requests
  echo "$result" | awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v path="$path" -v run="$1" '{
    if ($3 == 0) { print "no request to " path " completed in a " run " s run (a cold service: a longer RUN or WARMUP)" > "/dev/stderr"; exit 1 }
    if ($2 != 0) { print "errors: " $2 " of " $3 " requests to " path > "/dev/stderr"; exit 1 }
    printf "%s %.1f\n", $1, ticks / hz * 1e6 / $3 }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2 }'; }

# Warm-up: the two in turn, 10 s each (shorter when WARMUP is under 20 s); a run that completed no request, as a
# cold service's first second may, is no error here.
left="${WARMUP:-100}"
while [ "$left" -gt 0 ]; do
  chunk=10; [ "$left" -lt 20 ] && chunk=$(( (left + 1) / 2 ))
  measure "$chunk" trivial > /dev/null 2>&1 || true
  measure "$chunk" api > /dev/null 2>&1 || true
  left=$(( left - 2 * chunk ))
done
echo "| pair | trivial req/s | trivial µs/req | $endpoint req/s | $endpoint µs/req | CPU ratio | req/s ratio |"
echo "|---|---|---|---|---|---|---|"
rows="$work/pairs"
for i in $(seq 1 "${PAIRS:-6}"); do
  # Assigned, not read from a process substitution, so that a run with errors ends the script.
  trivial=$(measure "${RUN:-8}" trivial)
  api_run=$(measure "${RUN:-8}" api)
  echo "$trivial $api_run" | tee -a "$rows" | awk -v i="$i" \
    '{ printf "| %d | %s | %s | %s | %s | %.2f | %.2f |\n", i, $1, $2, $3, $4, $4 / $2, $3 / $1 }'
done
echo "| median | $(awk '{ print $1 }' "$rows" | median) | $(awk '{ print $2 }' "$rows" | median) |" \
  "$(awk '{ print $3 }' "$rows" | median) | $(awk '{ print $4 }' "$rows" | median) |" \
  "$(awk '{ printf "%.3f\n", $4 / $2 }' "$rows" | median) | $(awk '{ printf "%.3f\n", $3 / $1 }' "$rows" | median) |"
