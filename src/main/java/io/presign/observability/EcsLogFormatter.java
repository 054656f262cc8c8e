package io.presign.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.PairExtractor;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Spring Boot's {@code ecs} log format, byte for byte, encoded in one pass: the service's
 * console format ({@code logging.structured.format.console}).
 * <p>
 * Boot's own ECS formatter turns a line into bytes one appended piece at a time, each
 * through a new char array and {@code CharBuffer} (Spring Boot 4.1). With one audit event
 * per request, that encoding held 43% of the service's sampled allocation under a load of
 * downloads. This formatter declares the same members with Boot's public
 * {@code JsonWriter}, honours the same {@code logging.structured.json.*} customizations
 * and {@code ecs.*} properties, writes each line into a builder its thread keeps, and
 * encodes the finished line once. Where no customization is set, an {@link EcsLineWriter}
 * writes the lines that need none of {@code JsonWriter}'s machinery, which is every line
 * the audit log writes: in JMH, 1.7–2.1 µs and 2.7 KB for an audit line against 4.1–4.4
 * µs and 9.1–9.5 KB through {@code JsonWriter} (docs/performance.md).
 * {@code EcsLogFormatterTest} checks its bytes equal to Boot's {@code ecs} format's over
 * events with context, key-value pairs, markers, exceptions and non-ASCII text.
 */
public final class EcsLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

	private static final PairExtractor<KeyValuePair> KEY_VALUE = PairExtractor.of((pair) -> pair.key,
			(pair) -> pair.value);

	/**
	 * Longer lines (a stack trace's) are written in a builder of their own, not kept for
	 * every thread.
	 */
	private static final int KEPT_LINE_CAPACITY = 8 * 1024;

	private final JsonWriter<ILoggingEvent> writer;

	/**
	 * Writes the lines Boot's writer need not, when no {@code logging.structured.json.*}
	 * customization is set.
	 */
	private final @Nullable EcsLineWriter direct;

	/**
	 * Each thread writes its lines into one builder, which grows to a line's size once,
	 * not for every line.
	 */
	private final ThreadLocal<Line> lines = ThreadLocal.withInitial(Line::new);

	/**
	 * Made by Spring Boot's logging system, which supplies each of these (see
	 * {@code StructuredLogFormatterFactory}).
	 */
	public EcsLogFormatter(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, ThrowableProxyConverter throwableProxyConverter,
			StructuredLoggingJsonMembersCustomizer.Builder<?> customizer) {
		this(JsonWriter
			.<ILoggingEvent>of(
					customized(
							(members) -> members(environment,
									new StackTraces(stackTracePrinter, throwableProxyConverter), contextPairs, members),
							customizer.nested().build()))
			.withNewLineAtEnd(),
				customized(environment) ? null : new EcsLineWriter(environment, contextPairs, context(contextPairs)));
	}

	private EcsLogFormatter(JsonWriter<ILoggingEvent> writer, @Nullable EcsLineWriter direct) {
		super(writer);
		this.writer = writer;
		this.direct = direct;
	}

	/** Whether the event's line is written without Boot's writer: a test's question. */
	boolean writesDirectly(ILoggingEvent event) {
		return this.direct != null && this.direct.write(event, new StringBuilder(), new EcsLineWriter.Pairs());
	}

	/**
	 * Whether members are customized: by the {@code logging.structured.json} properties
	 * that add, leave out or rename members (its {@code context} and {@code stacktrace}
	 * properties are not customizations: both writers take them), or by a customizer
	 * registered in {@code spring.factories}.
	 */
	private static boolean customized(Environment environment) {
		return customized(environment, SpringFactoriesLoader.forDefaultResourceLocation());
	}

	static boolean customized(Environment environment, SpringFactoriesLoader factoriesLoader) {
		Binder binder = Binder.get(environment);
		String json = "logging.structured.json.";
		boolean[] registered = { false };
		// Made as Boot's formatter factory makes them; one that needs arguments fails
		// here, and counts.
		List<?> factories = factoriesLoader.load(StructuredLoggingJsonMembersCustomizer.class, ArgumentResolver.none(),
				(type, name, failure) -> registered[0] = true);
		return registered[0] || !factories.isEmpty()
				|| Stream.of("include", "exclude", "customizer")
					.anyMatch((name) -> binder.bind(json + name, Bindable.setOf(String.class)).isBound())
				|| Stream.of("rename", "add")
					.anyMatch((name) -> binder.bind(json + name, Bindable.mapOf(String.class, String.class)).isBound());
	}

	/**
	 * What Boot's {@code JsonWriterStructuredLogFormatter} does with the customizer it is
	 * given.
	 */
	private static Consumer<Members<ILoggingEvent>> customized(Consumer<Members<ILoggingEvent>> members,
			@Nullable StructuredLoggingJsonMembersCustomizer<?> customizer) {
		if (customizer == null) {
			return members;
		}
		return members
			.andThen((all) -> LambdaSafe.callback(StructuredLoggingJsonMembersCustomizer.class, customizer, all)
				.invoke((instance) -> instance.customize(all)));
	}

	@Override
	public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
		Line kept = this.lines.get();
		// In use: a value's toString() logged while this thread was writing a line; that
		// line keeps the builder.
		Line line = kept.inUse ? new Line() : kept;
		line.inUse = true;
		try {
			if (this.direct == null || !this.direct.write(event, line.text, line.pairs)) {
				this.writer.write(event).to(line.text);
			}
			return line.text.toString().getBytes(charset);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A StringBuilder does not throw", ex);
		}
		finally {
			line.inUse = false;
			line.text.setLength(0);
			line.pairs.clear();
			if (line == kept && kept.text.capacity() > KEPT_LINE_CAPACITY) {
				this.lines.remove();
			}
		}
	}

	/**
	 * The event's context pairs, nested at dots as ECS has them; both writers add the
	 * pairs this gives.
	 */
	private static BiConsumer<ILoggingEvent, BiConsumer<String, Object>> context(ContextPairs contextPairs) {
		return contextPairs.nested((pairs) -> {
			pairs.addMapEntries(ILoggingEvent::getMDCPropertyMap);
			pairs.add(ILoggingEvent::getKeyValuePairs, KEY_VALUE);
		});
	}

	private static void members(Environment environment, StackTraces stackTraces, ContextPairs contextPairs,
			Members<ILoggingEvent> members) {
		members.add("@timestamp", ILoggingEvent::getInstant);
		members.add("log").usingMembers((log) -> {
			log.add("level", ILoggingEvent::getLevel);
			log.add("logger", ILoggingEvent::getLoggerName);
		});
		members.add("process").usingMembers((process) -> {
			process.add("pid", environment.getProperty("spring.application.pid", Long.class)).whenNotNull();
			process.add("thread").usingMembers((thread) -> thread.add("name", ILoggingEvent::getThreadName));
		});
		ElasticCommonSchemaProperties.get(environment).jsonMembers(members);
		members.add("message", ILoggingEvent::getFormattedMessage);
		members.add().usingPairs(context(contextPairs));
		members.add()
			.whenNotNull(ILoggingEvent::getThrowableProxy)
			.usingMembers((withError) -> withError.add("error").usingMembers((error) -> {
				error.add("type", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getClassName);
				error.add("message", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getMessage);
				error.add("stack_trace", stackTraces::of);
			}));
		members.add("tags", ILoggingEvent::getMarkerList).whenNotNull().as(EcsLogFormatter::names).whenNotEmpty();
		members.add("ecs").usingMembers((ecs) -> ecs.add("version", "8.11"));
	}

	static Set<String> names(List<Marker> markers) {
		Set<String> names = new TreeSet<>();
		addNames(names, markers.iterator());
		return names;
	}

	private static void addNames(Set<String> names, Iterator<Marker> markers) {
		while (markers.hasNext()) {
			Marker marker = markers.next();
			names.add(marker.getName());
			if (marker.hasReferences()) {
				addNames(names, marker.iterator());
			}
		}
	}

	/** A thread's line as it is written, and its context pairs. */
	private static final class Line {

		private final StringBuilder text = new StringBuilder(1024);

		private final EcsLineWriter.Pairs pairs = new EcsLineWriter.Pairs();

		private boolean inUse;

	}

	/**
	 * An event's stack trace, by the configured printer
	 * ({@code logging.structured.json.stacktrace.*}) or Logback's.
	 */
	private record StackTraces(@Nullable StackTracePrinter printer, ThrowableProxyConverter converter) {

		String of(ILoggingEvent event) {
			if (this.printer != null && event.getThrowableProxy() instanceof ThrowableProxy proxy) {
				return this.printer.printStackTraceToString(proxy.getThrowable());
			}
			return this.converter.convert(event);
		}

	}

}
