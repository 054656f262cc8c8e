package io.presign.api.problem;

import org.jspecify.annotations.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies over the limit: at once when {@code Content-Length} says so, and
 * while reading when a chunked body grows past it. Every body the service takes is a few
 * hundred bytes of JSON; without a limit a 10 MB key is parsed, validated and audited
 * whole. Also refuses a {@code Content-Type} that is no concrete media type
 * ({@code *}{@code /*}, garbage), which the framework would otherwise fail on deep inside
 * with a 500, and form bodies ({@code multipart/*},
 * {@code application/x-www-form-urlencoded}), which no endpoint takes and which the
 * servlet container would parse from its own stream, past this limit, on any path.
 */
public final class RequestBodyLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final Set<String> unlimitedPaths;

	private final HandlerExceptionResolver problems;

	/**
	 * @param unlimitedPaths paths whose body the service never reads, which need no limit
	 */
	public RequestBodyLimit(long maxBytes, Set<String> unlimitedPaths, HandlerExceptionResolver problems) {
		this.maxBytes = maxBytes;
		this.unlimitedPaths = Set.copyOf(unlimitedPaths);
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// Such as an upload widget's completion body, which lists every part (some 85
		// bytes each, 870 KB for
		// 10,000): the service never reads it, so no limit is needed to bound what it
		// parses.
		if (request.getContentLengthLong() > this.maxBytes && !this.unlimitedPaths
			.contains(request.getRequestURI().substring(request.getContextPath().length()))) {
			this.problems.resolveException(request, response, null, new RequestTooLargeException(this.maxBytes));
			return;
		}
		String contentType = request.getContentType();
		if (contentType != null && !isAcceptable(contentType)) {
			this.problems.resolveException(request, response, null, new HttpMediaTypeNotSupportedException(
					"The Content-Type is not a concrete media type, or a form body that no endpoint takes"));
			return;
		}
		try {
			chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			// A filter before the controllers (one reading a form body, say) may have
			// read past the limit.
			RequestTooLargeException tooLarge = Problems.causeOf(ex, RequestTooLargeException.class);
			if (tooLarge == null || response.isCommitted()) {
				throw ex;
			}
			this.problems.resolveException(request, response, null, tooLarge);
		}
	}

	private static boolean isAcceptable(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype() && !type.getType().equals("multipart")
					&& !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private @Nullable ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream limited = this.stream;
			if (limited == null) {
				limited = new LimitedInputStream(super.getInputStream(), this.maxBytes);
				this.stream = limited;
			}
			return limited;
		}

		/** The container's reader reads its own buffer, around the limited stream. */
		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			try {
				Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
				return new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			catch (IllegalArgumentException ex) {
				throw new UnsupportedEncodingException(encoding);
			}
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long maxBytes;

		private long read;

		LimitedInputStream(ServletInputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new RequestTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
