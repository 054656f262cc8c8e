# Base images are arguments so that mirrors or locally built bases can be used: --build-arg BUILD_IMAGE=...
ARG BUILD_IMAGE=eclipse-temurin:21-jdk-noble
ARG RUNTIME_IMAGE=eclipse-temurin:21-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when the POM or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src/main/ src/main/
RUN ./mvnw -B -ntp -q package -DskipTests -Dmaven.test.skip=true \
    && java -Djarmode=tools -jar target/presign-service-*.jar extract --layers --launcher --destination /layers

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
USER 10001:10001
ENV SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=8081
EXPOSE 8080 8081
# No HEALTHCHECK: Kubernetes probes /actuator/health/{liveness,readiness} on the management port.
# Exec form: the JVM is PID 1 and receives SIGTERM, which starts Spring's graceful shutdown.
# The JVM's options are arguments, not JAVA_TOOL_OPTIONS, whose "Picked up ..." line would be the log's first,
# and not JSON. The heap is sized from the container's memory limit (the collector is left to the JVM: see
# helm/README.md); an out-of-memory error ends the JVM so that Kubernetes restarts a clean one.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", \
    "org.springframework.boot.loader.launch.JarLauncher"]
