package io.presign.observability;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.WritableJson;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.core.env.Environment;

/**
 * Writes an event straight into a builder as the uncustomized members of
 * {@link EcsLogFormatter} do through Boot's {@code JsonWriter}: the same members in the
 * same order, with the same escaping, and the context nested at its names' dots as Boot's
 * {@code ContextPairs} nests it (through {@code ContextPairs} itself where a prefix or
 * leaving the context out is configured).
 * <p>
 * Boot's writer appends a line one character at a time through {@code Appendable}, tracks
 * a path and a set of written names for every object, and nests the context through a
 * map, a split and a joined name for each pair. This writer does none of that, and so it
 * writes only the lines that need none of it. It declines ({@link #write} answers
 * {@code false}, having written nothing) an event with an exception, context that Boot
 * refuses or nests in a way of its own (see {@link Pairs#nest}), a context name that is
 * also a member of the line, or a value Boot writes in a way of its own (an array, a
 * {@link WritableJson}, a map with an empty key or keys other than strings, a one-pass
 * {@code Iterable}, context nested deeper than {@value #MAX_DEPTH});
 * {@link EcsLogFormatter} then writes that line through Boot's writer.
 * {@code EcsLogFormatterTest} checks that the two write the same bytes, for generated
 * events and for odd ones (a message that changes the MDC, a value that is both a map and
 * an {@code Iterable}, names of hundreds of parts), and that this writer writes every
 * line with plain context.
 */
final class EcsLineWriter {

	/**
	 * Boot's writer refuses nesting deeper than 500 objects and arrays; context nested
	 * deeper than this, by its names' dots and its values together, is left to it.
	 */
	static final int MAX_DEPTH = 16;

	/**
	 * The names of the line's own members, of which a line may hold any: a context pair
	 * under one that the line holds fails in Boot's writer, so a line with such a pair is
	 * Boot's to write (or refuse).
	 */
	private static final Set<String> MEMBER_NAMES = Set.of("@timestamp", "log", "process", "service", "message",
			"error", "tags", "ecs");

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final String processStart;

	private final String service;

	private final BiConsumer<ILoggingEvent, BiConsumer<String, Object>> context;

	/**
	 * Whether the context is nested at its names' dots and nothing else, as it is unless
	 * configured.
	 */
	private final boolean contextAsNamed;

	/**
	 * @param contextPairs Boot's, with the configured prefix or none
	 * @param context the event's context pairs as {@code contextPairs} nests them
	 */
	EcsLineWriter(Environment environment, ContextPairs contextPairs,
			BiConsumer<ILoggingEvent, BiConsumer<String, Object>> context) {
		Long pid = environment.getProperty("spring.application.pid", Long.class);
		this.processStart = (pid != null) ? "\"process\":{\"pid\":" + pid + "," : "\"process\":{";
		// The service members are constants: Boot's writer writes them once, and each
		// line copies the result.
		String service = JsonWriter.of((members) -> ElasticCommonSchemaProperties.get(environment).jsonMembers(members))
			.writeToString(this);
		this.service = service.substring(1, service.length() - 1);
		this.context = context;
		this.contextAsNamed = nestsAsNamed(contextPairs);
	}

	/**
	 * Asked of Boot's own {@code ContextPairs}, so that the prefix and inclusion are its
	 * to read.
	 */
	private static boolean nestsAsNamed(ContextPairs contextPairs) {
		Map<String, Object> nested = new LinkedHashMap<>();
		contextPairs.<Object>nested((pairs) -> pairs.add((item, added) -> added.accept("a.b", "c")))
			.accept(new Object(), nested::put);
		return nested.equals(Map.of("a", Map.of("b", "c")));
	}

	/**
	 * Write the event's line, with its line break, into an empty builder, or leave it
	 * empty and answer {@code false} when the line is Boot's writer's to write.
	 */
	boolean write(ILoggingEvent event, StringBuilder line, Pairs pairs) {
		Instant instant = event.getInstant();
		if (event.getThrowableProxy() != null || instant == null) {
			return false;
		}
		// Before the context, as Boot's writer reads them: formatting the message may
		// change the MDC, which the
		// event reads once, when first asked.
		String message = event.getFormattedMessage();
		pairs.clear();
		if (this.contextAsNamed) {
			if (!pairs.nest(event)) {
				return false;
			}
		}
		else {
			// ContextPairs nests into a map it is given as a value: only when none is
			// given can Boot's writer
			// nest the same pairs again after this writer declines.
			if (event.getKeyValuePairs() != null
					&& event.getKeyValuePairs().stream().anyMatch((pair) -> pair.value instanceof Map)) {
				return false;
			}
			this.context.accept(event, pairs);
		}
		if (!pairs.writable()) {
			return false;
		}
		line.append("{\"@timestamp\":\"");
		DateTimeFormatter.ISO_INSTANT.formatTo(instant, line);
		line.append("\",\"log\":{\"level\":");
		string(line, event.getLevel());
		line.append(",\"logger\":");
		string(line, event.getLoggerName());
		line.append("},").append(this.processStart).append("\"thread\":{\"name\":");
		string(line, event.getThreadName());
		line.append("}},");
		if (!this.service.isEmpty()) {
			line.append(this.service).append(',');
		}
		line.append("\"message\":");
		string(line, message);
		pairs.write(line, true);
		Set<String> tags = (event.getMarkerList() != null) ? EcsLogFormatter.names(event.getMarkerList()) : Set.of();
		if (!tags.isEmpty()) {
			line.append(",\"tags\":");
			value(line, tags);
		}
		line.append(",\"ecs\":{\"version\":\"8.11\"}}\n");
		return true;
	}

	/**
	 * A value as Boot's writer writes it, its types asked in its order, once
	 * {@link Pairs#writable} passed it.
	 */
	private static void value(StringBuilder line, @Nullable Object value) {
		if (value == null) {
			line.append("null");
		}
		else if (value instanceof Pairs pairs) {
			line.append('{');
			pairs.write(line, false);
			line.append('}');
		}
		else if (value instanceof String string) {
			string(line, string);
		}
		else if (value instanceof Long || value instanceof Integer) {
			line.append(((Number) value).longValue());
		}
		else if (value instanceof Iterable<?> elements && !(value instanceof Path)) {
			line.append('[');
			boolean first = true;
			for (Object element : elements) {
				line.append(first ? "" : ",");
				first = false;
				value(line, element);
			}
			line.append(']');
		}
		else if (value instanceof Map<?, ?> map) {
			line.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				line.append(first ? "" : ",");
				first = false;
				string(line, entry.getKey());
				line.append(':');
				value(line, entry.getValue());
			}
			line.append('}');
		}
		else if (value instanceof Number || value instanceof Boolean) {
			line.append(value);
		}
		else {
			string(line, value);
		}
	}

	/**
	 * A JSON string as Boot's writer escapes it: quote, backslash and control characters,
	 * nothing else.
	 */
	private static void string(StringBuilder line, @Nullable Object value) {
		if (value == null) {
			line.append("null");
			return;
		}
		String string = value.toString();
		line.append('"');
		int plain = 0;
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			if (c != '"' && c != '\\' && !Character.isISOControl(c)) {
				continue;
			}
			line.append(string, plain, i);
			plain = i + 1;
			switch (c) {
				case '"' -> line.append("\\\"");
				case '\\' -> line.append("\\\\");
				case '\b' -> line.append("\\b");
				case '\f' -> line.append("\\f");
				case '\n' -> line.append("\\n");
				case '\r' -> line.append("\\r");
				case '\t' -> line.append("\\t");
				default -> line.append("\\u")
					.append(HEX[(c >> 12) & 0xF])
					.append(HEX[(c >> 8) & 0xF])
					.append(HEX[(c >> 4) & 0xF])
					.append(HEX[c & 0xF]);
			}
		}
		line.append(string, plain, string.length()).append('"');
	}

	/**
	 * One line's context pairs: those Boot's {@code ContextPairs} hands over, or the
	 * event's nested here at their names' dots as it would nest them. A thread reuses the
	 * top level.
	 */
	static final class Pairs implements BiConsumer<String, Object> {

		private final List<String> names = new ArrayList<>();

		private final List<@Nullable Object> values = new ArrayList<>();

		@Override
		public void accept(String name, @Nullable Object value) {
			this.names.add(name);
			this.values.add(value);
		}

		void clear() {
			this.names.clear();
			this.values.clear();
		}

		/**
		 * Nest the event's MDC, then its key-value pairs, or answer {@code false} where
		 * Boot's nesting fails or does something of its own: a name twice, a name both a
		 * value and a parent, a name with an empty part (which Boot's split drops or
		 * keeps by its place), a {@code null} value (which Boot's map lets a later pair
		 * replace).
		 */
		boolean nest(ILoggingEvent event) {
			for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
				if (!nest(entry.getKey(), entry.getValue())) {
					return false;
				}
			}
			List<KeyValuePair> keyValuePairs = event.getKeyValuePairs();
			if (keyValuePairs != null) {
				for (KeyValuePair pair : keyValuePairs) {
					if (!nest(pair.key, pair.value)) {
						return false;
					}
				}
			}
			return true;
		}

		private boolean nest(@Nullable String name, @Nullable Object value) {
			if (name == null || name.isEmpty()) {
				return true;
			}
			if (value == null || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
				return false;
			}
			Pairs destination = this;
			int start = 0;
			for (int dot = name.indexOf('.'); dot != -1; dot = name.indexOf('.', start)) {
				int index = destination.indexOf(name, start, dot);
				if (index == -1) {
					Pairs parent = new Pairs();
					destination.accept(name.substring(start, dot), parent);
					destination = parent;
				}
				else if (destination.values.get(index) instanceof Pairs parent) {
					destination = parent;
				}
				else {
					return false;
				}
				start = dot + 1;
			}
			if (destination.indexOf(name, start, name.length()) != -1) {
				return false;
			}
			destination.accept((start == 0) ? name : name.substring(start), value);
			return true;
		}

		private int indexOf(String name, int start, int end) {
			for (int i = 0; i < this.names.size(); i++) {
				String candidate = this.names.get(i);
				if (candidate.length() == end - start && name.startsWith(candidate, start)) {
					return i;
				}
			}
			return -1;
		}

		/**
		 * Each pair as {@code "name":value}, between commas, and after one if the line
		 * has members before.
		 */
		private void write(StringBuilder line, boolean afterMembers) {
			for (int i = 0; i < this.names.size(); i++) {
				if (afterMembers || i > 0) {
					line.append(',');
				}
				string(line, this.names.get(i));
				line.append(':');
				value(line, this.values.get(i));
			}
		}

		private boolean writable() {
			for (int i = 0; i < this.names.size(); i++) {
				if (MEMBER_NAMES.contains(this.names.get(i)) || !writable(this.values.get(i), 0)) {
					return false;
				}
			}
			return true;
		}

		private static boolean writable(@Nullable Object value, int depth) {
			// Final classes, which can be nothing else.
			if (value == null || value instanceof String || value instanceof Long || value instanceof Integer
					|| value instanceof Boolean) {
				return true;
			}
			if (depth >= MAX_DEPTH) {
				return false;
			}
			if (value instanceof Pairs pairs) {
				for (Object nested : pairs.values) {
					if (!writable(nested, depth + 1)) {
						return false;
					}
				}
				return true;
			}
			// In the order Boot's writer asks: a value that is two of these is what the
			// first says.
			if (value instanceof WritableJson) {
				return false;
			}
			if (value instanceof Iterable<?> && !(value instanceof Path)) {
				if (!(value instanceof Collection<?> elements)) {
					return false;
				}
				for (Object element : elements) {
					if (!writable(element, depth + 1)) {
						return false;
					}
				}
				return true;
			}
			if (value.getClass().isArray()) {
				return false;
			}
			if (value instanceof Map<?, ?> map) {
				// Keys of a map are distinct, and so are their names only when each is
				// its own name. An empty
				// name is written by Boot's writer or refused by its name processor,
				// which any
				// logging.structured.json property installs.
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					if (!(entry.getKey() instanceof String name) || name.isEmpty()
							|| !writable(entry.getValue(), depth + 1)) {
						return false;
					}
				}
			}
			return true;
		}

	}

}
