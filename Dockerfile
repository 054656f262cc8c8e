# Base images are arguments so that mirrors or locally built bases can be used: --build-arg BUILD_IMAGE=...
# The runtime's Java needs no relation to the compile release (17): on 25+ the image starts from an AOT cache,
# on 24 from a two-step AOT cache, on 17-23 from a CDS archive (see the training run below).
ARG BUILD_IMAGE=eclipse-temurin:25-jdk-noble
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when the POM or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src/main/ src/main/
# Extracted without the launcher: application.jar names its libraries in lib/ on its manifest's class path, the
# layout that java -jar starts fastest and that the AOT cache and CDS need (classes from plain jar files).
RUN ./mvnw -B -ntp -q package -DskipTests -Dmaven.test.skip=true \
    && cp target/presign-service-*.jar application.jar \
    && java -Djarmode=tools -jar application.jar extract --layers --destination /layers

FROM ${RUNTIME_IMAGE}
# A fixed, unprivileged id, so that Kubernetes' runAsNonRoot can verify it without a user name lookup.
RUN groupadd --system --gid 10001 presign \
    && useradd --system --uid 10001 --gid presign --no-create-home --shell /usr/sbin/nologin presign
WORKDIR /app
# Layers from least to most often changed, so that a code change ships only the last one.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# The training run (Spring Boot's "AOT cache" and "CDS" documentation): the context starts and stops at refresh,
# and the JVM records the classes it loaded, linked and profiled into a cache that the entry point starts from.
# Its configuration touches no network: a made-up profile, key hash and issuer (whose keys are fetched only when
# a token arrives), no region check. Java 25+ writes an AOT cache in one step, Java 24 in two, 17-23 a CDS
# archive; /app/jvm.args tells the entry point which one to read. bench/startup.sh repeats this run outside Docker.
ARG AOT_TRAINING_ARGS="--presign.profiles.training.bucket=training-bucket --presign.profiles.training.region=eu-west-1 --presign.profiles.training.operations=download,upload --presign.profiles.training.content-types=image/png --presign.profiles.training.max-content-length=10MB --presign.profiles.training.required-scope=training --presign.security.api-keys[0].name=training --presign.security.api-keys[0].sha256=0000000000000000000000000000000000000000000000000000000000000000 --presign.security.api-keys[0].scopes=training --presign.signing.region-check=off --spring.security.oauth2.resourceserver.jwt.issuer-uri=https://issuer.invalid/training"
RUN version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"; \
    train() { java --enable-native-access=ALL-UNNAMED -XX:+AlwaysActAsServerClassMachine \
        -Dspring.context.exit=onRefresh "$@" -jar application.jar \
        $AOT_TRAINING_ARGS; }; \
    if [ "${version%%.*}" -ge 25 ]; then \
        train -XX:AOTCacheOutput=app.aot && echo "-XX:AOTCache=app.aot" > jvm.args; \
    elif [ "${version%%.*}" -ge 24 ]; then \
        train -XX:AOTMode=record -XX:AOTConfiguration=app.aotconf \
        && java -XX:AOTMode=create -XX:AOTConfiguration=app.aotconf -XX:AOTCache=app.aot -jar application.jar \
        && rm app.aotconf && echo "-XX:AOTCache=app.aot" > jvm.args; \
    else \
        train -XX:ArchiveClassesAtExit=app.jsa && echo "-XX:SharedArchiveFile=app.jsa" > jvm.args; \
    fi > /tmp/training.log 2>&1 || { tail -40 /tmp/training.log; exit 1; }; \
    rm -f /tmp/training.log
USER 10001:10001
ENV SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=8081
EXPOSE 8080 8081
# No HEALTHCHECK: Kubernetes probes /actuator/health/{liveness,readiness} on the management port.
# Exec form: the JVM is PID 1 and receives SIGTERM, which starts Spring's graceful shutdown.
# The JVM's options are arguments, not JAVA_TOOL_OPTIONS, whose "Picked up ..." line would be the log's first,
# and not JSON; @/app/jvm.args is the java launcher's argument file (no such line), naming the training run's
# cache. The heap is sized from the container's memory limit; an out-of-memory error ends the JVM so that
# Kubernetes restarts a clean one. The collector is G1 in every container size (AlwaysActAsServerClassMachine:
# the JVM would pick Serial below 2 CPUs or 1792 MB, the chart's 768Mi limit): with the AOT cache, Serial let
# the heap grow to its maximum under load, to 750 MiB of the 768Mi limit, G1 kept it near 435 MiB (see
# helm/presign-service/README.md). An explicit choice (-XX:+UseSerialGC in JAVA_TOOL_OPTIONS) still wins. Native
# access is granted to the class path, as Java up to 23 grants it unasked: from 24 on, the first native call
# (Netty's) would print a four-line warning, not JSON, on standard error.
ENTRYPOINT ["java", "@/app/jvm.args", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
    "-XX:+AlwaysActAsServerClassMachine", "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=/tmp", \
    "-jar", "application.jar"]
