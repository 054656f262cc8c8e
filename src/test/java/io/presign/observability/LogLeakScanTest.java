package io.presign.observability;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs after every other test class and scans all output the suite produced, at every level that was on,
 * for the secret parts of a presigned URL.
 */
@Order(Integer.MAX_VALUE)
class LogLeakScanTest {

	private static final Pattern SECRET = Pattern.compile(
			"(?i)(X-Amz-Signature=[0-9a-f]{8}|X-Amz-Credential=[A-Z0-9]{8}|X-Amz-Security-Token=[A-Za-z0-9%/+]{4})");

	@Test
	void noLogLineCarriesASignatureCredentialOrToken() {
		assumeTrue(SuiteOutputCapture.installed(), "output capture is registered through META-INF/services");
		String output = SuiteOutputCapture.captured();
		// The scan is only meaningful if it saw the suite's issuances: their audit events must be there.
		assertThat(output).contains("\"action\":\"url-issued\"");
		Matcher leak = SECRET.matcher(output);
		List<String> leaks = leak.results().map((match) -> lineAround(output, match.start())).limit(5).toList();
		assertThat(leaks).as("log lines carrying URL secrets").isEmpty();
	}

	private static String lineAround(String output, int index) {
		int start = output.lastIndexOf('\n', index) + 1;
		int end = output.indexOf('\n', index);
		return output.substring(start, (end < 0) ? output.length() : end);
	}

}
