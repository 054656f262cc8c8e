#!/usr/bin/env bash
# Where the service's start-up goes, as Spring counts it (bench/StartupSteps.java: Spring's
# BufferingApplicationStartup): the packaged jar extracted as the Dockerfile does it, started with
# bench/application-bench.yml and a JWT public key (as bench/startup.sh does), and by default from an AOT cache
# of the Dockerfile's training run (CACHE=0: without one). Prints the time of each kind of step and the steps
# with the most time of their own, beans named; RUNS (default 2) starts, one after the other.
# Usage: bench/startup-steps.sh [service arguments...]; JAVA as for bench/startup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA:-}" ]; then
  JAVA=java
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
ls target/presign-service-*.jar > /dev/null 2>&1 || ./mvnw -B -ntp -q package -DskipTests -Dmaven.test.skip=true >&2
jar="$(realpath "$(ls -t target/presign-service-*.jar | head -1)")"
root="$PWD"
source bench/service.sh   # the work directory with the JWT key ($work) and its clean-up
prepare_run steps "$jar"
app="$work/app"
mkdir -p "$app" "$work/classes"
cp "$jar" "$work/application.jar"
"$JAVA" -Djarmode=tools -jar "$work/application.jar" extract --layers --destination "$work/layers" > /dev/null
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -r "$work/layers/$layer/." "$app/"
done
# The program in a jar of its own, after the service's: an AOT cache takes jars only.
"${JAVA%java}javac" -d "$work/classes" -cp "$app/application.jar:$app/lib/*" bench/StartupSteps.java
"${JAVA%java}jar" cf "$app/startup-steps.jar" -C "$work/classes" .
classpath="application.jar:lib/*:startup-steps.jar"
cache=()
if [ "${CACHE:-1}" != 0 ]; then
  training_args="$(sed -n 's/^ARG AOT_TRAINING_ARGS="\(.*\)"$/\1/p' Dockerfile)"
  # shellcheck disable=SC2086 # the arguments are words, as the Dockerfile's RUN splits them
  (cd "$app" && "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+AlwaysActAsServerClassMachine \
    -Dspring.context.exit=onRefresh -XX:AOTCacheOutput=app.aot \
    -cp "$classpath" StartupSteps $training_args > "$work/training.log" 2>&1) \
    || { echo "training run failed: $work/training.log" >&2; KEEP=1; exit 1; }
  cache=(-XX:AOTCache=app.aot)
fi
for run in $(seq 1 "${RUNS:-2}"); do
  echo "== start $run ($([ ${#cache[@]} -gt 0 ] && echo "AOT cache" || echo "no cache"); load $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd "$app" && "$JAVA" "${cache[@]}" --enable-native-access=ALL-UNNAMED -Xmx576m -cp "$classpath" StartupSteps \
    --spring.config.additional-location=file:"$root/bench/application-bench.yml" \
    --spring.security.oauth2.resourceserver.jwt.public-key-location="file:$work/public.pem" \
    --server.port="$port" --management.server.port="$management" "$@" 2>&1 > "$work/service-$run.log")
done
