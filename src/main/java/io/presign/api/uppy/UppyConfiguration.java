package io.presign.api.uppy;

import java.util.Set;

import io.presign.api.problem.UnreadRequestBody;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Uppy's signing backend needs from the rest of the API.
 */
@Configuration(proxyBeanMethods = false)
class UppyConfiguration {

	/**
	 * Uppy's completion body lists every part (some 85 bytes each, 870 KB for 10,000);
	 * the service never reads it, since S3's own list of parts is what counts: no body
	 * size limit on the ticket URLs.
	 */
	@Bean
	UnreadRequestBody uppyTicketBodies() {
		return new UnreadRequestBody(Set.of(UppyController.START_PATH, UppyController.COMPLETE_PATH));
	}

}
