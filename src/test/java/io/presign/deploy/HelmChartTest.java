package io.presign.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.presign.PresignServiceApplication;
import io.presign.config.PresignProperties;
import io.presign.issuing.RateLimitStoreProperties;
import io.presign.issuing.multipart.UploadTicketProperties;
import io.presign.security.PresignSecurityProperties;
import io.presign.signing.SigningProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders the Helm chart with a real helm binary (default values and the full example)
 * and checks what a platform team relies on: every container has resources, probes and a
 * locked-down security context, and the configuration the chart ships binds and validates
 * with the service's own properties classes. {@code .ci/run} installs helm and passes it
 * as {@code HELM_BINARY}; without helm the test is skipped.
 */
class HelmChartTest {

	private static final Path CHART = Paths.get("helm/presign-service");

	private static String helm;

	@BeforeAll
	static void findHelm() {
		String configured = System.getenv("HELM_BINARY");
		Path cached = Paths.get(System.getProperty("user.home"), ".cache/presign-service/helm-2.2.2/helm/helm");
		if (configured != null && new File(configured).canExecute()) {
			helm = configured;
		}
		else if (Files.isExecutable(cached)) {
			helm = cached.toString();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "default values", "ci/full-values.yaml" })
	void chartLintsAndRendersHardenedWorkloads(String values) throws Exception {
		assumeTrue(helm != null, "helm is not installed (.ci/run installs it)");
		List<String> valuesArgs = values.endsWith(".yaml") ? List.of("-f", CHART.resolve(values).toString())
				: List.of();
		run(concat(List.of(helm, "lint", "--strict", CHART.toString()), valuesArgs));
		List<Map<String, Object>> manifests = render(valuesArgs);

		Map<String, Object> deployment = only(manifests, "Deployment");
		Map<String, Object> podSpec = at(deployment, "spec", "template", "spec");
		assertThat(at(podSpec, "securityContext")).containsEntry("runAsNonRoot", true);
		for (Map<String, Object> container : list(podSpec, "containers")) {
			assertThat(at(container, "resources", "requests")).containsKeys("cpu", "memory");
			assertThat(at(container, "resources", "limits")).containsKey("memory");
			assertThat(at(container, "livenessProbe", "httpGet")).containsEntry("path", "/actuator/health/liveness");
			assertThat(at(container, "readinessProbe", "httpGet")).containsEntry("path", "/actuator/health/readiness");
			Map<String, Object> security = at(container, "securityContext");
			assertThat(security).containsEntry("runAsNonRoot", true)
				.containsEntry("readOnlyRootFilesystem", true)
				.containsEntry("allowPrivilegeEscalation", false);
			assertThat(at(security, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
			assertThat(list(container, "volumeMounts"))
				.anySatisfy((mount) -> assertThat(mount).containsEntry("mountPath", "/tmp"));
		}
		// Kubernetes waits the pre-stop sleep, then Spring's shutdown timeout, with room
		// for the JVM to exit.
		Map<String, Object> container = list(podSpec, "containers").get(0);
		int preStop = Integer
			.parseInt(String.valueOf(((List<?>) at(container, "lifecycle", "preStop", "exec").get("command")).get(1)));
		Map<String, Object> configMap = manifests.stream()
			.filter((m) -> "ConfigMap".equals(m.get("kind")) && at(m, "data").containsKey("application-shutdown.yaml"))
			.findFirst()
			.orElseThrow();
		String shutdown = (String) at(configMap, "data").get("application-shutdown.yaml");
		int timeout = Integer.parseInt(shutdown.replaceAll("(?s).*timeout-per-shutdown-phase: (\\d+)s.*", "$1"));
		assertThat(((Number) podSpec.get("terminationGracePeriodSeconds")).intValue())
			.isGreaterThanOrEqualTo(preStop + timeout + 5);
		assertThat(list(podSpec, "topologySpreadConstraints")).hasSize(2);
		assertThat(kinds(manifests)).contains("Service", "ServiceAccount", "ConfigMap", "Secret",
				"HorizontalPodAutoscaler", "PodDisruptionBudget");

		bindsWithTheServicesOwnProperties(manifests);
	}

	@Test
	void aGracePeriodShorterThanTheShutdownRefusesToRender() throws Exception {
		assertThat(refusedRendering("terminationGracePeriodSeconds=40"))
			.contains("must be at least preStopSleepSeconds + shutdownTimeoutSeconds + 5 (45)");
	}

	@Test
	void sharedRateLimitsWithoutARedisRefuseToRender() throws Exception {
		assertThat(refusedRendering("config.presign.rate-limit.store=redis")).contains("set secret.redisUrl");
	}

	private static String refusedRendering(String setting) throws Exception {
		assumeTrue(helm != null, "helm is not installed (.ci/run installs it)");
		Process process = new ProcessBuilder(helm, "template", "test", CHART.toString(), "--set", setting)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isNotZero();
		return output;
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ci/full-values.yaml" })
	void fullExampleRendersEveryOptionalResource(String values) throws Exception {
		assumeTrue(helm != null, "helm is not installed (.ci/run installs it)");
		List<Map<String, Object>> manifests = render(List.of("-f", CHART.resolve(values).toString()));
		assertThat(kinds(manifests)).contains("Ingress", "ServiceMonitor", "PrometheusRule");
		// The HorizontalPodAutoscaler's behaviour, where set, reaches it as given.
		assertThat(at(only(manifests, "HorizontalPodAutoscaler"), "spec", "behavior", "scaleUp"))
			.containsEntry("stabilizationWindowSeconds", 0);
		Map<String, Object> account = only(manifests, "ServiceAccount");
		assertThat(at(account, "metadata", "annotations")).containsEntry("eks.amazonaws.com/role-arn",
				"arn:aws:iam::123456789012:role/presign-service");
		Map<String, Object> rule = only(manifests, "PrometheusRule");
		List<Map<String, Object>> rules = list(list(at(rule, "spec"), "groups").get(0), "rules");
		assertThat(rules).extracting((r) -> r.get("alert"))
			.containsExactly("PresignSigningCredentialsExpiring", "PresignRejectionRatioHigh");
		assertThat(manifests.stream()
			.filter((m) -> "ConfigMap".equals(m.get("kind")))
			.map((m) -> at(m, "data"))
			.anyMatch((data) -> data.containsKey("presign-service.json"))).isTrue();
	}

	/**
	 * Issue 32, finding 9: Uppy's ticket URLs must not take their host from a request's
	 * {@code Host} header. With the Ingress enabled the chart sets
	 * {@code presign.upload-tickets.base-url} from its first host (https when TLS covers
	 * it); an explicit {@code uploadTickets.baseUrl} wins, and so does a base URL the
	 * configuration sets itself. The value is read as the service binds it, from the
	 * files the Deployment names, in its order.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("ticketBaseUrls")
	void ticketUrlsStartWithTheIngressHostOrTheGivenUrl(String description, List<String> valuesArgs,
			@Nullable String expected) throws Exception {
		assumeTrue(helm != null, "helm is not installed (.ci/run installs it)");
		List<Map<String, Object>> manifests = render(valuesArgs);
		new ApplicationContextRunner().withUserConfiguration(ChartProperties.class)
			.withInitializer((context) -> chartConfiguration(manifests)
				.forEach(context.getEnvironment().getPropertySources()::addFirst))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				URI baseUrl = context.getBean(UploadTicketProperties.class).baseUrl();
				assertThat(baseUrl).isEqualTo((expected != null) ? URI.create(expected) : null);
			});
	}

	static Stream<Arguments> ticketBaseUrls() {
		List<String> full = List.of("-f", CHART.resolve("ci/full-values.yaml").toString());
		return Stream.of(Arguments.of("no Ingress: unset, the readiness detail says so", List.of(), null),
				Arguments.of("the full example's Ingress, its host under TLS", full, "https://presign.example.com"),
				Arguments.of("an Ingress without TLS", List.of("--set", "ingress.enabled=true"),
						"http://presign.example.com"),
				Arguments.of("an Ingress path",
						List.of("--set", "ingress.enabled=true", "--set", "ingress.hosts[0].host=files.example.com",
								"--set", "ingress.hosts[0].paths[0].path=/presign/"),
						"http://files.example.com/presign"),
				Arguments.of("uploadTickets.baseUrl over the Ingress",
						concat(full, List.of("--set", "uploadTickets.baseUrl=https://uploads.example.org/")),
						"https://uploads.example.org"),
				Arguments.of("uploadTickets.baseUrl without an Ingress",
						List.of("--set", "uploadTickets.baseUrl=https://uploads.example.org"),
						"https://uploads.example.org"),
				Arguments.of("the configuration's own base-url over the Ingress",
						concat(full,
								List.of("--set", "config.presign.upload-tickets.base-url=https://mine.example.org")),
						"https://mine.example.org"));
	}

	@Test
	void aTicketBaseUrlThatIsNoUrlRefusesToRender() throws Exception {
		assertThat(refusedRendering("uploadTickets.baseUrl=presign.example.com"))
			.contains("uploadTickets.baseUrl (presign.example.com) must be the service's public URL");
	}

	private void bindsWithTheServicesOwnProperties(List<Map<String, Object>> manifests) throws IOException {
		List<PropertySource<?>> sources = chartConfiguration(manifests);
		new ApplicationContextRunner().withUserConfiguration(ChartProperties.class)
			.withInitializer((context) -> sources.forEach(context.getEnvironment().getPropertySources()::addFirst))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PresignProperties presign = context.getBean(PresignProperties.class);
				assertThat(presign.profiles()).allSatisfy((name, profile) -> assertThat(profile.bucket()).isNotBlank());
				assertThat(context.getBean(SigningProperties.class).regionCheck())
					.isEqualTo(SigningProperties.RegionCheck.FAIL);
				context.getBean(PresignSecurityProperties.class);
				context.getBean(RateLimitStoreProperties.class);
				// Every replica of a release shares the upload tickets' key (the Secret
				// holds one).
				assertThat(context.getBean(UploadTicketProperties.class).secret()).hasSizeGreaterThanOrEqualTo(32);
			});
	}

	/**
	 * The files of the ConfigMap and the Secret that the Deployment's
	 * SPRING_CONFIG_ADDITIONAL_LOCATION names, in its order (a later one takes
	 * precedence, as in Spring Boot); a file the chart did not render is skipped, as
	 * "optional:" lets the service do.
	 */
	private static List<PropertySource<?>> chartConfiguration(List<Map<String, Object>> manifests) {
		Map<String, Object> container = list(at(only(manifests, "Deployment"), "spec", "template", "spec"),
				"containers")
			.get(0);
		String locations = list(container, "env").stream()
			.filter((variable) -> "SPRING_CONFIG_ADDITIONAL_LOCATION".equals(variable.get("name")))
			.map((variable) -> (String) variable.get("value"))
			.findFirst()
			.orElseThrow();
		Map<String, Object> configMap = manifests.stream()
			.filter((m) -> "ConfigMap".equals(m.get("kind")) && at(m, "data").containsKey("application.yaml"))
			.findFirst()
			.orElseThrow();
		Map<String, Object> files = new HashMap<>();
		at(configMap, "data").forEach((name, content) -> files.put("/config/" + name, content));
		at(only(manifests, "Secret"), "stringData")
			.forEach((name, content) -> files.put("/config-secret/" + name, content));
		List<PropertySource<?>> sources = new ArrayList<>();
		YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
		for (String location : locations.split(",")) {
			String path = location.replaceFirst("^optional:", "").replaceFirst("^file:", "");
			assertThat(location).as("every location is optional").startsWith("optional:");
			Object content = files.get(path);
			if (content != null) {
				try {
					sources.addAll(loader.load(path,
							new ByteArrayResource(((String) content).getBytes(StandardCharsets.UTF_8))));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return sources;
	}

	private static List<Map<String, Object>> render(List<String> valuesArgs) throws Exception {
		String rendered = run(concat(List.of(helm, "template", "test", CHART.toString()), valuesArgs));
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (Object document : new Yaml().loadAll(rendered)) {
			if (document instanceof Map<?, ?> manifest) {
				@SuppressWarnings("unchecked")
				Map<String, Object> typed = (Map<String, Object>) manifest;
				manifests.add(typed);
			}
		}
		return manifests;
	}

	private static String run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
		return output;
	}

	private static List<String> kinds(List<Map<String, Object>> manifests) {
		return manifests.stream().map((m) -> (String) m.get("kind")).toList();
	}

	private static Map<String, Object> only(List<Map<String, Object>> manifests, String kind) {
		List<Map<String, Object>> matching = manifests.stream().filter((m) -> kind.equals(m.get("kind"))).toList();
		assertThat(matching).as(kind).hasSize(1);
		return matching.get(0);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> at(Map<String, Object> map, String... path) {
		Map<String, Object> current = map;
		for (String key : path) {
			assertThat(current).as(String.join(".", path)).containsKey(key);
			current = (Map<String, Object>) current.get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
		assertThat(map).containsKey(key);
		return (List<Map<String, Object>>) map.get(key);
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	@Configuration(proxyBeanMethods = false)
	// Every properties class of the service, as the application binds them: none can be
	// forgotten here.
	@ConfigurationPropertiesScan(basePackageClasses = PresignServiceApplication.class)
	static class ChartProperties {

	}

}
