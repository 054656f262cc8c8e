package io.presign.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.presign.support.EmbeddedRun;
import io.presign.support.TestHost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's way to move the embedded run off ports 8080 and 8081 works: its arguments,
 * with free ports in place of the README's, put the API and the management endpoints
 * there.
 */
class TestRunPortsTest {

	private static final Pattern ARGUMENTS = Pattern.compile("-Dspring-boot\\.run\\.arguments=\"([^\"]+)\"");

	@Test
	void theReadmesArgumentsMoveBothPorts() throws Exception {
		Matcher command = ARGUMENTS.matcher(Files.readString(Path.of("README.md")));
		assertThat(command.find()).as("the README shows how to change the ports").isTrue();
		List<String> arguments = List.of(command.group(1).split(" "));
		assertThat(arguments).containsExactly("--server.port=9090", "--management.server.port=9091");
		int api = TestHost.freePort();
		int management = TestHost.freePort();
		try (EmbeddedRun run = EmbeddedRun.start(arguments.get(0).replace("9090", Integer.toString(api)),
				arguments.get(1).replace("9091", Integer.toString(management)))) {
			assertThat(run.base()).isEqualTo("http://localhost:" + api);
			assertThat(run.management()).isEqualTo("http://localhost:" + management);
		}
	}

}
