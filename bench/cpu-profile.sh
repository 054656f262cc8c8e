#!/usr/bin/env bash
# Where a download's CPU goes, in µs per request: starts the packaged jar with bench/application-bench.yml (and any
# arguments after the jar), warms POST /v1/downloads (API key; or ENDPOINT, AUTH) under wrk -t2 -c32, then samples
# the service with Linux perf (999 Hz, call stacks; the JIT's symbols from -XX:+DumpPerfMapAtExit) for RUN seconds
# of the same load, and prints each sampled part's share as CPU µs per request (samples whose stack holds it, over
# the requests wrk counted). It also prints the requests of the run just before, unsampled: what the sampling costs.
# Linux only; needs perf (Debian package linux-perf), allowed to sample the service's process. Usage:
# bench/cpu-profile.sh [jar [service arguments...]]; WARMUP=120 (seconds), RUN=10, LOG (service output),
# ENDPOINT=uploads or downloads/batch (that request of bench/http.sh instead), AUTH=jwt (a bearer token instead of
# the API key), SAMPLES (a file to keep perf's samples in).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/service.sh
prepare_run profile "${1:-}"
shift || true
# Frame pointers let perf walk the JIT's frames; the map names them once the service exits. A method the JIT
# inlines into its caller leaves no frame of its own, and which ones it inlines changes from start to start:
# the parts measured below are kept out of their callers, at the cost of a call each.
kept=""
for method in "io.presign.observability.AuditLog::*" io.presign.observability.EcsLogFormatter::formatAsBytes \
  "io.presign.issuing.UrlIssuer::issue*" \
  org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodArgumentResolver::readWithMessageConverters \
  org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite::handleReturnValue; do
  kept="$kept -XX:CompileCommand=dontinline,$method"
done
JAVA_TOOL_OPTIONS="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer \
  -XX:CompileCommand=quiet$kept" start_service "$jar" "${LOG:-$work/service.log}" "$@"

endpoint="${ENDPOINT:-downloads}"
body="$(body_of "$endpoint")"
# load SECONDS -> the number of requests answered, all of them 2xx
load() {
  BENCH_METHOD=POST BENCH_PATH="/v1/$endpoint" BENCH_BODY="$body" BENCH_AUTH="$auth" \
    wrk -t2 -c32 -d"$1s" --timeout 10s -s bench/endpoint.lua "http://127.0.0.1:$port" | awk -v run="$1" '/^RESULT/ {
      if ($6 == 0) { print "no request completed in a " run " s run (a cold service: a longer RUN or WARMUP)" > "/dev/stderr"; exit 1 }
      if ($5 != 0) { print "errors: " $5 " of " $6 " requests" > "/dev/stderr"; exit 1 }
      print $6 }'
}
# Requests that time out while the JIT is still compiling count as errors; a broken service fails the runs below.
load "${WARMUP:-120}" > /dev/null 2>&1 || true
# The same load just before, unsampled: what the sampling costs the service.
unsampled=$(load "${RUN:-10}")
perf record -q -F 999 -g -p "$pid" -o "$work/perf.data" -- sleep "${RUN:-10}" 2> /dev/null &
recording=$!
requests=$(load "${RUN:-10}")
wait "$recording"
kill "$pid"
wait "$pid" 2> /dev/null || true
pid=""

echo "POST /v1/$endpoint, ${AUTH:-api-key}: $requests requests in ${RUN:-10} s sampled ($unsampled in the ${RUN:-10} s just before, unsampled)"
echo
echo "| part | CPU µs per request | share |"
echo "|---|---|---|"
# One sample per block of perf script's output: the thread's name, then its stack, leaf first.
perf script -i "$work/perf.data" -F comm,ip,sym 2> /dev/null | tee "${SAMPLES:-/dev/null}" | awk -v requests="$requests" '
  BEGIN {
    n = split("all|request threads|JIT compiler threads|GC threads|log writer thread (queue)|" \
      "UrlIssuer: policy, signing, metrics, audit event|" \
      "  the audit event on the request thread: made, queued|formatting log lines (ECS JSON), any thread|" \
      "writing log lines (system call included), any thread|" \
      "request threads parked on a lock|reading the JSON body|writing the JSON answer", label, "|")
    # Matched on the name of the thread (2 to 5) or on any frame of the stack.
    split(";^http-nio;^C[12] CompilerThre;^(GC Thread|G1 );^AsyncAppender;io.presign.issuing.UrlIssuer.issue;" \
      "io.presign.observability.AuditLog.;EcsLogFormatter.formatAsBytes;FileOutputStream.writeBytes;Unsafe.park;" \
      "readWithMessageConverters;handleReturnValue", pattern, ";")
    thread[2] = thread[3] = thread[4] = thread[5] = 1
  }
  function done() {
    if (sample == "") return
    total++
    for (i = 1; i <= n; i++) {
      if (i == 1) hit = 1
      else if (i in thread) hit = (name ~ pattern[i])
      else if (i == 10) hit = (name ~ pattern[2] && sample ~ pattern[10])
      else hit = (sample ~ pattern[i])
      if (hit) count[i]++
    }
    sample = ""
  }
  /^[^ \t]/ { done(); name = $0; sample = "|"; next }
  /^[ \t]*$/ { done(); next }
  { sample = sample $0 "|" }
  END {
    done()
    for (i = 1; i <= n; i++)
      printf "| %s | %.1f | %.1f%% |\n", label[i], count[i] * 1e6 / 999 / requests, 100 * count[i] / total
  }'
