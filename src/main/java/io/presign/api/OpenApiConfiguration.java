package io.presign.api;

import java.util.List;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Describes the API and both ways to authenticate, so Swagger UI's Authorize button
 * offers each.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
		info = @Info(title = "presign-service",
				description = "Issues Amazon S3 presigned URLs under per-profile policy. Errors are RFC 9457 "
						+ "problem documents with a stable `code` and the `field` at fault.",
				version = "v1",
				license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
		security = { @SecurityRequirement(name = OpenApiConfiguration.BEARER),
				@SecurityRequirement(name = OpenApiConfiguration.API_KEY) })
@SecurityScheme(name = OpenApiConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
		bearerFormat = "JWT", description = "An OAuth2 access token whose `scope` claim holds the profile's scope")
@SecurityScheme(name = OpenApiConfiguration.API_KEY, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
		paramName = "X-Api-Key", description = "An API key for backend services")
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	static final String API_KEY = "apiKey";

	/**
	 * The server as a root-relative URL, so that Swagger UI and clients call the host
	 * that served the description, never a host name guessed from one request. (A URL
	 * relative to the document would resolve against {@code /v3/}.)
	 */
	@Bean
	OpenApiCustomizer rootRelativeServer() {
		return (openApi) -> openApi.setServers(List.of(new Server().url("/")));
	}

	/**
	 * Requests for "Try it out" that work as they are in the embedded run, and the groups
	 * in the order of use. First, so that a deployment's own customizer can change them.
	 */
	@Bean
	@Order(0)
	OpenApiCustomizer requestExamples() {
		return new RequestExamples();
	}

}
