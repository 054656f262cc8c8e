package io.presign.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local STS that answers AssumeRole (Query protocol, as the SDK speaks it) with fresh
 * session credentials lasting the asked duration, and records every request.
 */
public final class StsStandIn implements AutoCloseable {

	private final HttpServer server;

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger sessions = new AtomicInteger();

	private final List<String> expirations = new CopyOnWriteArrayList<>();

	/**
	 * The longest session granted, as a role's maximum session duration would cap it;
	 * none by default.
	 */
	private volatile Duration cap = Duration.ofDays(1);

	private final Clock clock;

	/**
	 * A stand-in on the system clock.
	 */
	public StsStandIn() throws IOException {
		this(Clock.systemUTC());
	}

	/**
	 * @param clock what sessions are counted from, the same as the service's in a test
	 * that moves time
	 */
	public StsStandIn(Clock clock) throws IOException {
		this.clock = clock;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			Map<String, String> form = parseForm(
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.requests.add(form);
			int session = this.sessions.incrementAndGet();
			Duration asked = Duration.ofSeconds(Long.parseLong(form.getOrDefault("DurationSeconds", "3600")));
			Instant expiration = this.clock.instant()
				.plus((asked.compareTo(this.cap) > 0) ? this.cap : asked)
				.truncatedTo(ChronoUnit.SECONDS);
			this.expirations.add(expiration.toString());
			byte[] body = ("""
					<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
					  <AssumeRoleResult>
					    <AssumedRoleUser>
					      <AssumedRoleId>AROATEST:%s</AssumedRoleId>
					      <Arn>arn:aws:sts::123456789012:assumed-role/signer/%s</Arn>
					    </AssumedRoleUser>
					    <Credentials>
					      <AccessKeyId>ASIASESSION%d</AccessKeyId>
					      <SecretAccessKey>secret-%d</SecretAccessKey>
					      <SessionToken>token-%d</SessionToken>
					      <Expiration>%s</Expiration>
					    </Credentials>
					  </AssumeRoleResult>
					  <ResponseMetadata><RequestId>req-%d</RequestId></ResponseMetadata>
					</AssumeRoleResponse>
					""".formatted(form.get("RoleSessionName"), form.get("RoleSessionName"), session, session, session,
					expiration, session))
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/xml");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public List<Map<String, String>> requests() {
		return this.requests;
	}

	/**
	 * @return the sessions' ends, as answered, in the order of the requests
	 */
	public List<String> expirations() {
		return this.expirations;
	}

	public void cap(Duration longest) {
		this.cap = longest;
	}

	public Duration askedDuration(int request) {
		return Duration.ofSeconds(Long.parseLong(this.requests.get(request).get("DurationSeconds")));
	}

	/**
	 * @return a Query-protocol request's form parameters, decoded
	 */
	public static Map<String, String> parseForm(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
