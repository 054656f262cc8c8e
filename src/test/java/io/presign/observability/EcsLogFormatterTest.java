package io.presign.observability;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link EcsLogFormatter} writes exactly the bytes of Spring Boot's own {@code ecs}
 * format, for generated events with context, key-value pairs, markers and exceptions,
 * under the settings listed below.
 */
class EcsLogFormatterTest {

	private static final int EVENTS = 1_500;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// Every kind of character JSON and the charsets treat apart: quotes, escapes,
	// controls, non-ASCII,
	// characters outside ISO-8859-1, a pair of surrogates and a lone one.
	private static final String[] PIECES = { "a", "Z", "0", " ", ".", "-", "\"", "\\", "/", "\n", "\t", "\u0001",
			"\u007f", "é", "ß", "€", "日本", "🐈", "\ud83d", "\u2028", "users/alice/photos/cat.png", "key.with.dots" };

	private static final Marker AUDIT = MarkerFactory.getDetachedMarker("AUDIT");

	// Each setting with what shows in Boot's lines that it took effect, so that a setting
	// that failed to bind
	// (leaving both formats at their defaults, and equal) cannot pass unnoticed.
	static Stream<Arguments> configurations() {
		return Stream
			.of(Arguments.of("defaults", Map.of(), StandardCharsets.UTF_8, true,
					taken((line) -> line.contains("\"ecs\":{\"version\":\"8.11\"}"))),
					Arguments.of("service fields and pid",
							Map.of("spring.application.name", "presign-service", "spring.application.version", "1.2.3",
									"spring.application.pid", "4242", "logging.structured.ecs.service.environment",
									"prod", "logging.structured.ecs.service.node-name", "node-1"),
							StandardCharsets.UTF_8, true,
							taken((line) -> line.contains("\"pid\":4242") && line.contains("\"environment\":\"prod\"")
									&& line.contains("\"name\":\"node-1\""))),
					Arguments.of("JSON customizations",
							Map.of("logging.structured.json.exclude", "log.logger",
									"logging.structured.json.rename[process.thread.name]", "thread",
									"logging.structured.json.add[team]", "storage",
									"logging.structured.json.context.prefix", "ctx"),
							StandardCharsets.UTF_8, false,
							taken((line) -> line.contains("\"team\":\"storage\"") && !line.contains("\"logger\"")
									&& line.contains("\"ctx\":{"))),
					Arguments.of("stack trace printer",
							Map.of("logging.structured.json.stacktrace.root", "first",
									"logging.structured.json.stacktrace.max-length", "300",
									"logging.structured.json.stacktrace.include-common-frames", "false"),
							StandardCharsets.UTF_8, true,
							(Predicate<List<String>>) EcsLogFormatterTest::stackTracesCut),
					Arguments.of("context prefix", Map.of("logging.structured.json.context.prefix", "ctx"),
							StandardCharsets.UTF_8, true, taken((line) -> line.contains("\"ctx\":{"))),
					Arguments.of("customizer class",
							Map.of("logging.structured.json.customizer", AddsATeam.class.getName()),
							StandardCharsets.UTF_8, false, taken((line) -> line.contains("\"team\":\"storage\""))),
					Arguments.of("context left out", Map.of("logging.structured.json.context.include", "false"),
							StandardCharsets.UTF_8, true,
							(Predicate<List<String>>) (lines) -> lines.stream()
								.noneMatch((line) -> line.contains("\"requestId\"") || line.contains("\"event\":{"))),
					// No generated text has a question mark: one in a line is a character
					// the charset replaced.
					Arguments.of("ISO-8859-1 console", Map.of(), StandardCharsets.ISO_8859_1, true,
							taken((line) -> line.contains("?"))));
	}

	private static Predicate<List<String>> taken(Predicate<String> inSomeLine) {
		return (lines) -> lines.stream().anyMatch(inSomeLine);
	}

	// Logback's own traces of these exceptions run to thousands of characters; the
	// printer cuts them at 300.
	private static boolean stackTracesCut(List<String> lines) {
		List<String> traces = lines.stream()
			.map(JSON::readTree)
			.filter((line) -> line.has("error"))
			.map((line) -> line.get("error").get("stack_trace").asString())
			.toList();
		return !traces.isEmpty() && traces.stream().allMatch((trace) -> trace.length() <= 300);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("configurations")
	void writesTheBytesOfSpringBootsEcsFormat(String name, Map<String, Object> properties, Charset charset,
			boolean direct, Predicate<List<String>> settingTookEffect) {
		LoggerContext context = new LoggerContext();
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource(name, properties));
		context.putObject(Environment.class.getName(), environment);
		StructuredLogEncoder boot = encoder(context, "ecs", charset);
		EcsLogFormatter ours = formatter(context, environment);
		Random random = new Random(name.hashCode());
		List<String> bootLines = new ArrayList<>();
		int writtenDirectly = 0;
		int plain = 0;
		int withoutException = 0;
		for (int i = 0; i < EVENTS; i++) {
			ILoggingEvent event = event(context, random);
			Throwable bootFailure = catchThrowable(() -> boot.encode(event));
			if (bootFailure != null) {
				// Boot refuses some context (a key both a value and a parent): so must
				// the same members here.
				assertThat(catchThrowable(() -> ours.formatAsBytes(event, charset))).as(bootFailure.toString())
					.isInstanceOf(bootFailure.getClass());
				continue;
			}
			byte[] expected = boot.encode(event);
			byte[] actual = ours.formatAsBytes(event, charset);
			// As text first, so that a difference reads as one.
			assertThat(new String(actual, charset)).isEqualTo(new String(expected, charset));
			assertThat(actual).isEqualTo(expected);
			bootLines.add(new String(expected, charset));
			writtenDirectly += ours.writesDirectly(event) ? 1 : 0;
			plain += plain(event) ? 1 : 0;
			withoutException += (event.getThrowableProxy() == null) ? 1 : 0;
		}
		assertThat(bootLines).as("events both formats wrote").hasSizeGreaterThan(EVENTS * 9 / 10);
		assertThat(settingTookEffect.test(bootLines)).as("the setting shows in Boot's lines").isTrue();
		// Without a customization, every line with only plain context is written without
		// Boot's writer, and no
		// line with an exception is; with one, Boot's writer writes all, or the
		// customization would be lost.
		assertThat(writtenDirectly).as("lines written without Boot's writer")
			.isBetween(direct ? plain : 0, direct ? withoutException : 0);
	}

	// No exception, and context of names without empty parts and values of plain types.
	private static boolean plain(ILoggingEvent event) {
		return event.getThrowableProxy() == null
				&& event.getMDCPropertyMap().keySet().stream().allMatch(EcsLogFormatterTest::plainName)
				&& Stream.ofNullable(event.getKeyValuePairs())
					.flatMap(List::stream)
					.allMatch((pair) -> plainName(pair.key)
							&& (pair.value instanceof String || pair.value instanceof Number
									|| pair.value instanceof Boolean || pair.value instanceof List<?>));
	}

	private static boolean plainName(String name) {
		return !name.startsWith(".") && !name.endsWith(".") && !name.contains("..");
	}

	/**
	 * Inputs a generator does not reach, each a way in which a writer of its own could
	 * part from Boot's.
	 */
	static Stream<Arguments> oddEvents() {
		Instant at = Instant.parse("2026-12-03T15:04:05.123456789Z");
		String deep = String.join(".", Collections.nCopies(502, "p"));
		String eighteen = String.join(".", Collections.nCopies(18, "p"));
		List<Object> selfContaining = new ArrayList<>();
		selfContaining.add(selfContaining);
		Object nestedList = "bottom";
		for (int i = 0; i < 500; i++) {
			nestedList = List.of(nestedList);
		}
		Object deepList = nestedList;
		return Stream.of(
				// Formatting the message puts into the MDC, which the event reads once,
				// when first asked.
				Arguments.of("MDC changed by the message", Map.of(), (OddEvent) (context) -> {
					LoggingEvent event = new LoggingEvent(EcsLogFormatterTest.class.getName(),
							context.getLogger(AuditLog.LOGGER), Level.INFO, "hello {}", null,
							new Object[] { new Object() {
								@Override
								public String toString() {
									context.getMDCAdapter().put("traceId", "abc");
									return "argument";
								}
							} });
					event.setInstant(at);
					return event;
				}), Arguments.of("a name of 502 parts", Map.of(), pairs(at, deep, "v")),
				Arguments.of("a list nested 500 deep under a name of 18 parts", Map.of(),
						pairs(at, eighteen, deepList)),
				Arguments.of("a list that holds itself under a name of 18 parts", Map.of(),
						pairs(at, eighteen, selfContaining)),
				Arguments.of("a map that is iterable", Map.of(), pairs(at, "a", new IterableMap())),
				Arguments.of("a number that is iterable", Map.of(), pairs(at, "a", new IterableNumber())),
				// With a prefix, Boot's nesting puts "c" into the map given as "a":
				// twice, were it run twice.
				Arguments.of("a map nested into, with a prefix",
						Map.of("logging.structured.json.context.prefix", "ctx"), pairs(at, "a",
								(Supplier<?>) () -> new HashMap<>(Map.of("b", 1)), "a.c", 2, "z", new int[] { 1 })),
				Arguments.of("no timestamp", Map.of(), (OddEvent) (context) -> {
					LoggingEvent event = new LoggingEvent();
					event.setLoggerName(AuditLog.LOGGER);
					event.setLevel(Level.INFO);
					event.setMessage("no time");
					event.setThreadName("main");
					event.setMDCPropertyMap(Map.of());
					return event;
				}));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("oddEvents")
	void writesTheBytesOfSpringBootsEcsFormatForOddEvents(String name, Map<String, Object> properties, OddEvent odd) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource(name, properties));
		context.putObject(Environment.class.getName(), environment);
		StructuredLogEncoder boot = encoder(context, "ecs", StandardCharsets.UTF_8);
		EcsLogFormatter ours = formatter(context, environment);
		// Each its own event, made alike, since an event keeps what it was first asked.
		byte[][] expected = new byte[1][];
		Throwable bootFailure = catchThrowable(() -> expected[0] = boot.encode(odd.made(context)));
		context.getMDCAdapter().clear();
		ILoggingEvent event = odd.made(context);
		if (bootFailure != null) {
			assertThat(catchThrowable(() -> ours.formatAsBytes(event, StandardCharsets.UTF_8)))
				.as(bootFailure.toString())
				.isInstanceOf(bootFailure.getClass());
		}
		else {
			assertThat(new String(ours.formatAsBytes(event, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
				.isEqualTo(new String(expected[0], StandardCharsets.UTF_8));
		}
	}

	@FunctionalInterface
	interface OddEvent {

		ILoggingEvent made(LoggerContext context);

	}

	private static OddEvent pairs(Instant at, Object... namesAndValues) {
		return (context) -> {
			LoggingEvent event = new LoggingEvent(EcsLogFormatterTest.class.getName(),
					context.getLogger(AuditLog.LOGGER), Level.INFO, "hello", null, null);
			event.setInstant(at);
			event.setMDCPropertyMap(Map.of());
			for (int i = 0; i < namesAndValues.length; i += 2) {
				// A value that changes when written is made anew for each event.
				Object value = (namesAndValues[i + 1] instanceof Supplier<?> made) ? made.get() : namesAndValues[i + 1];
				event.addKeyValuePair(new org.slf4j.event.KeyValuePair((String) namesAndValues[i], value));
			}
			return event;
		};
	}

	/**
	 * A map Boot writes as the array its iteration gives, since it asks for
	 * {@code Iterable} first.
	 */
	static final class IterableMap extends LinkedHashMap<String, Object> implements Iterable<Object> {

		IterableMap() {
			put("b", 1);
		}

		@Override
		public Iterator<Object> iterator() {
			return values().iterator();
		}

	}

	/** A number Boot writes as an array, for the same reason. */
	static final class IterableNumber extends Number implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return List.of("x", "y").iterator();
		}

		@Override
		public int intValue() {
			return 7;
		}

		@Override
		public long longValue() {
			return 7;
		}

		@Override
		public float floatValue() {
			return 7;
		}

		@Override
		public double doubleValue() {
			return 7;
		}

		@Override
		public String toString() {
			return "7";
		}

	}

	@Test
	void takesACustomizerRegisteredInSpringFactoriesForACustomization() {
		StandardEnvironment environment = new StandardEnvironment();
		String factories = "io/presign/observability/";

		assertThat(EcsLogFormatter.customized(environment,
				SpringFactoriesLoader.forResourceLocation(factories + "customizer.factories")))
			.isTrue();
		assertThat(EcsLogFormatter.customized(environment,
				SpringFactoriesLoader.forResourceLocation(factories + "no-customizer.factories")))
			.isFalse();
	}

	/**
	 * What {@code logging.structured.json.customizer} names: a customization both writers
	 * must honour.
	 */
	public static final class AddsATeam implements StructuredLoggingJsonMembersCustomizer<Object> {

		@Override
		public void customize(JsonWriter.Members<Object> members) {
			members.add("team", "storage");
		}

	}

	@Test
	void writesALineLoggedWhileItWritesAnother() {
		LoggerContext context = new LoggerContext();
		context.putObject(Environment.class.getName(), new StandardEnvironment());
		StructuredLogEncoder boot = encoder(context, "ecs", StandardCharsets.UTF_8);
		StructuredLogEncoder ours = encoder(context, EcsLogFormatter.class.getName(), StandardCharsets.UTF_8);
		Random random = new Random(7);
		ILoggingEvent inner = event(context, random);
		List<byte[]> innerLines = new ArrayList<>();
		// A value whose toString() logs, as some objects' do: its line is written while
		// the outer one is.
		Object logging = new Object() {
			@Override
			public String toString() {
				innerLines.add(ours.encode(inner));
				return "logged while written";
			}
		};
		LoggingEvent outer = (LoggingEvent) event(context, random);
		outer.addKeyValuePair(new org.slf4j.event.KeyValuePair("logging", logging));

		String ourOuter = new String(ours.encode(outer), StandardCharsets.UTF_8);

		assertThat(ourOuter).isEqualTo(new String(boot.encode(outer), StandardCharsets.UTF_8))
			.contains("\"logging\":\"logged while written\"");
		assertThat(innerLines).isNotEmpty()
			.allSatisfy((line) -> assertThat(new String(line, StandardCharsets.UTF_8))
				.isEqualTo(new String(boot.encode(inner), StandardCharsets.UTF_8)));
		assertThat(new String(ours.encode(inner), StandardCharsets.UTF_8))
			.isEqualTo(new String(boot.encode(inner), StandardCharsets.UTF_8));
	}

	/**
	 * Ours made as Boot's encoder makes it, so that a test can ask it which writer wrote
	 * a line.
	 */
	private static EcsLogFormatter formatter(LoggerContext context, Environment environment) {
		ThrowableProxyConverter converter = new ThrowableProxyConverter();
		converter.setContext(context);
		converter.start();
		return (EcsLogFormatter) new StructuredLogFormatterFactory<>(ILoggingEvent.class, environment,
				(parameters) -> parameters.add(ThrowableProxyConverter.class, converter), (formatters) -> {
				})
			.get(EcsLogFormatter.class.getName());
	}

	private static StructuredLogEncoder encoder(LoggerContext context, String format, Charset charset) {
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.setCharset(charset);
		encoder.start();
		return encoder;
	}

	private static ILoggingEvent event(LoggerContext context, Random random) {
		Throwable thrown = (random.nextInt(4) == 0) ? failure(random) : null;
		LoggingEvent event = new LoggingEvent(EcsLogFormatterTest.class.getName(),
				context.getLogger(random.nextBoolean() ? AuditLog.LOGGER : "io.presign.Somewhere"),
				random.nextBoolean() ? Level.INFO : Level.WARN, text(random) + " {} and {}", thrown,
				new Object[] { text(random), random.nextInt() });
		event.setThreadName("http-nio-8080-exec-" + random.nextInt(200));
		List<String> keys = keys(random);
		Map<String, String> mdc = new LinkedHashMap<>();
		for (int i = random.nextInt(4); i > 0; i--) {
			mdc.put(keys.remove(0), text(random));
		}
		event.setMDCPropertyMap(mdc);
		for (int i = random.nextInt(7); i > 0; i--) {
			Object value = switch (random.nextInt(12)) {
				case 0, 1 -> random.nextLong();
				case 2, 3 -> List.of(text(random), text(random));
				case 4 -> random.nextBoolean();
				case 5 -> random.nextDouble();
				case 6 -> Map.of(text(random), List.of(random.nextInt(), text(random)));
				case 7 -> Map.of(random.nextInt(3), text(random));
				case 8 -> new int[] { random.nextInt(), random.nextInt() };
				case 9 -> null;
				default -> text(random);
			};
			event.addKeyValuePair(new org.slf4j.event.KeyValuePair(keys.remove(0), value));
		}
		if (random.nextInt(5) == 0) {
			Marker marker = MarkerFactory.getDetachedMarker("m" + random.nextInt(3));
			marker.add(AUDIT);
			event.addMarker(marker);
		}
		return event;
	}

	// Distinct names for one event's context; dotted ones nest, and now and then one is
	// both a value and a
	// parent ("a.b" and "a.b.c"), which Boot refuses.
	private static List<String> keys(Random random) {
		List<String> keys = new ArrayList<>(List.of("requestId", "clientIp", "traceId", "event.action", "event.outcome",
				"principal", "keys", "a.b", "profile", "x" + random.nextInt(50)));
		if (random.nextInt(20) == 0) {
			keys.add("a.b.c");
		}
		// And now and then one has an empty part, which Boot's split drops or keeps by
		// its place.
		if (random.nextInt(10) == 0) {
			keys.add(List.of(".lead", "trail.", "empty..part", ".").get(random.nextInt(4)));
		}
		// And now and then one is also a member of the line, which Boot refuses too.
		if (random.nextInt(20) == 0) {
			keys.add(random.nextBoolean() ? "message" : "log.level");
		}
		Collections.shuffle(keys, random);
		return keys;
	}

	private static String text(Random random) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(12); i > 0; i--) {
			text.append(PIECES[random.nextInt(PIECES.length)]);
		}
		return text.toString();
	}

	private static Throwable failure(Random random) {
		IllegalStateException root = new IllegalStateException(text(random));
		return random.nextBoolean() ? new RuntimeException("wrapped: " + text(random), root) : root;
	}

}
