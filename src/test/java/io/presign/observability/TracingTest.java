package io.presign.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distributed tracing, with spans kept in memory: a W3C traceparent is taken up, the
 * request's span has the policy decision, the signing and the S3 call it made as
 * children, and the trace id is in the audit event's logging context and in every problem
 * document.
 */
@Import(TracingTest.InMemorySpans.class)
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
		"management.opentelemetry.tracing.export.schedule-delay=50ms" })
class TracingTest extends IntegrationTest {

	private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String OTHER_TRACE = "5c0a3f4688c45eb7b4df03ae1f1f5847";

	private static final String PARENT = "00f067aa0ba902b7";

	@Test
	void aRequestsSpansShareTheCallersTraceAndNestUnderTheRequest() throws Exception {
		EmbeddedS3Server.shared().put(BUCKET, "users/alice/traced.txt", "traced".getBytes(), "text/plain");
		ListAppender<ILoggingEvent> audit = new ListAppender<>() {

			@Override
			protected void append(ILoggingEvent event) {
				// Keeps the request thread's logging context, which the event otherwise
				// reads when asked.
				event.prepareForDeferredProcessing();
				super.append(event);
			}

		};
		audit.start();
		((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).addAppender(audit);
		ApiClient.Response response;
		try {
			response = this.api.postJson("/v1/downloads", Map.of("profile", "archive", "key", "traced.txt"),
					Map.of("X-Api-Key", ALICE_KEY, "traceparent", "00-" + TRACE + "-" + PARENT + "-01"));
		}
		finally {
			((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).detachAppender(audit);
		}
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(audit.list).singleElement()
			.satisfies((event) -> assertThat(event.getMDCPropertyMap()).containsEntry("traceId", TRACE));

		List<SpanData> spans = awaitSpans(4);
		SpanData server = spans.stream()
			.filter((span) -> span.getParentSpanId().equals(PARENT))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span under the caller's: " + names(spans)));
		Map<String, SpanData> children = spans.stream()
			.filter((span) -> span.getParentSpanId().equals(server.getSpanId()))
			.collect(Collectors.toMap(SpanData::getName, (span) -> span, (a, b) -> a));
		assertThat(children).as(names(spans)).containsKeys("presign.policy", "presign.sign", "S3 HeadObject");
		assertThat(children.get("S3 HeadObject").getAttributes().asMap().toString()).contains("HeadObject");
		// The same observations time themselves as metrics.
		assertThat(this.management.get("/actuator/prometheus", Map.of()).text())
			.containsPattern(
					"presign_aws_call_seconds_count\\{[^}]*aws_operation=\"HeadObject\"[^}]*aws_service=\"S3\"")
			.contains("presign_policy_seconds_count")
			.containsPattern("presign_sign_seconds_count\\{[^}]*operation=\"download\"");
	}

	@Test
	void aProblemNamesItsTrace() {
		ApiClient.Response refused = this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "../x"),
				Map.of("X-Api-Key", ALICE_KEY, "traceparent", "00-" + OTHER_TRACE + "-" + PARENT + "-01"));
		assertProblem(refused, 400, "key-invalid", "key");
		assertThat(refused.json().get("traceId").asString()).isEqualTo(OTHER_TRACE);
		assertThat(refused.json().get("requestId").asString()).isNotBlank();
	}

	/**
	 * The request's spans, once at least so many have ended (a span ends after its answer
	 * is sent); what there is after ten seconds, for the assertions to report.
	 */
	private static List<SpanData> awaitSpans(int atLeast) {
		try {
			return Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(TracingTest::traced, (traced) -> traced.size() >= atLeast
						&& traced.stream().anyMatch((span) -> span.getParentSpanId().equals(PARENT)));
		}
		catch (ConditionTimeoutException ex) {
			return traced();
		}
	}

	private static List<SpanData> traced() {
		return SPANS.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(TRACE)).toList();
	}

	private static String names(List<SpanData> spans) {
		return spans.stream().map((span) -> span.getName() + "<" + span.getParentSpanId()).toList().toString();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return SPANS;
		}

	}

}
