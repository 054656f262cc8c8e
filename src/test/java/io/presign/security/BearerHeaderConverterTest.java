package io.presign.security;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's bearer token converter gives what Spring Security's gives, for every
 * request: the same token with the same details, the same refusal with the same error, or
 * nothing.
 */
class BearerHeaderConverterTest {

	private final AuthenticationConverter service = new BearerHeaderConverter();

	private final AuthenticationConverter library = new BearerTokenAuthenticationConverter();

	@Test
	void everyCharacterAfterTheSchemeIsTakenOrRefusedAsTheLibraryDoes() {
		TreeMap<String, Integer> outcomes = new TreeMap<>();
		for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
			String character = String.valueOf((char) c);
			for (String header : List.of("Bearer " + character, "Bearer " + character + "abc", "Bearer abc" + character,
					"Bearer abc=" + character, "Bearer abc" + character + "=")) {
				String outcome = assertSameOutcome(post(header));
				outcomes.merge(outcome.substring(0, outcome.indexOf(' ')), 1, Integer::sum);
			}
		}
		// The characters of a token (66) and '=' are taken in most places; all others
		// refused.
		assertThat(outcomes).containsOnlyKeys("token", "refused");
		assertThat(outcomes.get("token")).isBetween(4 * 66, 5 * 67);
	}

	@Test
	void generatedRequestsAreAnsweredAsTheLibraryAnswersThem() {
		SplittableRandom random = new SplittableRandom(20261203);
		TreeMap<String, Integer> outcomes = new TreeMap<>();
		for (int i = 0; i < 20_000; i++) {
			String outcome = assertSameOutcome(generate(random));
			outcomes.merge(outcome.substring(0, outcome.indexOf(' ')), 1, Integer::sum);
		}
		// Each kind of answer is common enough to have been compared many times over.
		assertThat(outcomes.keySet()).containsExactly("none", "refused", "token");
		assertThat(outcomes.values()).allSatisfy((count) -> assertThat(count).isGreaterThan(1_500));
	}

	@Test
	void aTokenAsLongAsAnIdentityProvidersIsTakenWhole() {
		String token = "eyJhbGciOiJSUzI1NiJ9." + "eyJzdWIiOiJ1c2VyLTQyIn0".repeat(40) + "." + "Ab-_cD+/".repeat(43)
				+ "==";
		assertThat(assertSameOutcome(post("Bearer " + token)))
			.isEqualTo("token " + token + " " + this.library.convert(post("Bearer " + token)).getDetails());
	}

	private String assertSameOutcome(HttpServletRequest request) {
		String expected = outcome(this.library::convert, request);
		assertThat(outcome(this.service::convert, request))
			.as("%s %s, Content-Type %s, Authorization %s, access_token %s, query %s", request.getMethod(),
					request.getRequestURI(), request.getContentType(), request.getHeader("Authorization"),
					Arrays.toString(request.getParameterValues("access_token")), request.getQueryString())
			.isEqualTo(expected);
		return expected;
	}

	private static String outcome(Function<HttpServletRequest, Authentication> converter, HttpServletRequest request) {
		try {
			Authentication authentication = converter.apply(request);
			if (authentication == null) {
				return "none ";
			}
			return "token " + ((BearerTokenAuthenticationToken) authentication).getToken() + " "
					+ authentication.getDetails();
		}
		catch (OAuth2AuthenticationException ex) {
			return "refused " + ex.getError().getErrorCode() + ": " + ex.getError().getDescription();
		}
	}

	private static MockHttpServletRequest post(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/downloads");
		request.setContentType("application/json");
		request.addHeader("Authorization", authorization);
		return request;
	}

	private static final String[] SCHEMES = { "Bearer ", "Bearer ", "Bearer ", "bearer ", "BEARER ", "BeArEr ",
			"Bearer", "Bearer  ", "Bearer\t", " Bearer ", "Basic ", "Bearerx ", "" };

	private static final String[] PIECES = { "a", "Z", "9", "-", ".", "_", "~", "+", "/", "=", "==", " ", "\t", "é",
			"\u0000", "%", ",", "\"", "!", "*", "#", "eyJhbGciOiJSUzI1NiJ9", "\u212A", "\uD83D\uDE00", "\n" };

	private static final String[] METHODS = { "POST", "POST", "PUT", "DELETE", "GET", "get" };

	private static final String[] CONTENT_TYPES = { "application/json", "application/x-www-form-urlencoded",
			"application/x-www-form-urlencoded;charset=UTF-8", "text/plain" };

	private static MockHttpServletRequest generate(SplittableRandom random) {
		MockHttpServletRequest request = new MockHttpServletRequest(METHODS[random.nextInt(METHODS.length)],
				"/v1/downloads");
		if (random.nextInt(5) > 0) {
			request.setContentType(CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
		}
		if (random.nextInt(8) > 0) {
			StringBuilder header = new StringBuilder(SCHEMES[random.nextInt(SCHEMES.length)]);
			// Mostly the characters of a token, so that well-formed headers are common.
			for (int n = random.nextInt(12); n > 0; n--) {
				header.append(
						(random.nextInt(3) > 0) ? PIECES[random.nextInt(10)] : PIECES[random.nextInt(PIECES.length)]);
			}
			request.addHeader("Authorization", header.toString());
		}
		switch (random.nextInt(6)) {
			case 0 -> request.addParameter("access_token", "param-token");
			case 1 -> request.addParameter("access_token", "one", "two");
			case 2 -> {
				request.addParameter("access_token", "query-token");
				request.setQueryString("access_token=query-token");
			}
			default -> {
			}
		}
		request.setRemoteAddr("192.0.2." + random.nextInt(256));
		return request;
	}

}
