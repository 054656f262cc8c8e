package io.presign.observability;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token,
 * else a new UUID. The id is echoed in the response, put in problem details and in every
 * log line of the request.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

	/** The header carrying the id both ways. */
	public static final String HEADER = "X-Request-Id";

	/** The request attribute holding the id. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	// Echoed into headers and logs: anything else could inject lines or headers.
	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String offered = request.getHeader(HEADER);
		String id = (offered != null && SAFE_ID.matcher(offered).matches()) ? offered : newId();
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put(AuditLog.REQUEST_ID, id);
		MDC.put(AuditLog.CLIENT_IP, ClientAddress.of(request.getRemoteAddr()));
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(AuditLog.REQUEST_ID);
			MDC.remove(AuditLog.CLIENT_IP);
		}
	}

	/**
	 * A random (version 4) UUID from the thread's own generator. An id must be unique,
	 * not unpredictable: it is sent back to the caller and logged.
	 * {@link UUID#randomUUID()} draws from one {@code SecureRandom} whose lock every
	 * request thread shares, which under load was the service's most contended lock.
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long version4 = (random.nextLong() & ~0xF000L) | 0x4000L;
		long ietfVariant = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
		return new UUID(version4, ietfVariant).toString();
	}

}
