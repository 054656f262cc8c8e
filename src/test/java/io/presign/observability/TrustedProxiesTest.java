package io.presign.observability;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * By default X-Forwarded-For is believed only from a proxy on the same host: Tomcat's own
 * default trusts every private range, which lets any pod in the cluster forge
 * {@code clientIp}.
 */
class TrustedProxiesTest {

	@Test
	void onlyLoopbackIsTrustedByDefault() throws Exception {
		PropertySource<?> defaults = new YamlPropertySourceLoader()
			.load("application", new ClassPathResource("application.yml"))
			.get(0);
		Pattern trusted = Pattern
			.compile(String.valueOf(defaults.getProperty("server.tomcat.remoteip.internal-proxies")));
		for (String loopback : new String[] { "127.0.0.1", "127.1.2.3", "0:0:0:0:0:0:0:1" }) {
			assertThat(trusted.matcher(loopback).matches()).as(loopback).isTrue();
		}
		for (String other : new String[] { "10.0.0.1", "192.168.1.1", "172.16.0.1", "169.254.1.1", "100.64.0.1",
				"203.0.113.9", "::ffff:10.0.0.1", "fe80::1" }) {
			assertThat(trusted.matcher(other).matches()).as(other).isFalse();
		}
	}

}
