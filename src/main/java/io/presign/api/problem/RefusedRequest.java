package io.presign.api.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;

/**
 * What a refused request named, read back for the record: the profile and keys of its
 * body, or of its query for the multipart calls that take them there.
 *
 * @param profile the profile named, as sent
 * @param keys the keys named, as sent
 */
record RefusedRequest(@Nullable String profile, List<String> keys) {

	private static final int MAX_INSTANCE_LENGTH = 256;

	static RefusedRequest of(HttpServletRequest request) {
		if (request.getAttribute(ObjectRequestCapture.ATTRIBUTE) instanceof ObjectRequest body) {
			return new RefusedRequest(body.profile(), body.namedKeys());
		}
		// Multipart list and abort name profile and key in the query; only their methods
		// are asked, since
		// getParameter on a form-encoded POST would read the body.
		if ("GET".equals(request.getMethod()) || "DELETE".equals(request.getMethod())) {
			return new RefusedRequest(queryParameter(request, "profile"),
					ObjectRequest.named(queryParameter(request, "key"), queryParameter(request, "fullKey")));
		}
		return new RefusedRequest(null, List.of());
	}

	/**
	 * The request's path, cut short: the framework would echo any path whole, and a path
	 * can be long.
	 */
	static @Nullable URI instance(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path.length() > MAX_INSTANCE_LENGTH) {
			path = path.substring(0, MAX_INSTANCE_LENGTH).replaceFirst("%[0-9A-Fa-f]?$", "");
		}
		try {
			return new URI(path);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static @Nullable String queryParameter(HttpServletRequest request, String name) {
		try {
			return request.getParameter(name);
		}
		catch (InvalidParameterException ex) {
			return null;
		}
	}

}
