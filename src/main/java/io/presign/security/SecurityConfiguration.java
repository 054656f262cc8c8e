package io.presign.security;

import java.util.List;

import io.presign.observability.RequestIdFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every API call is authenticated, by bearer JWT (when an issuer or JWKS is configured)
 * or by API key. Health, info and the API documentation are public; other actuator
 * endpoints need the admin scope, except on the separate management port. No sessions, no
 * cookies, so no CSRF exposure.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String API_KEY_HEADER = "X-Api-Key";

	private static final String[] PUBLIC_PATHS = { "/actuator/health", "/actuator/health/**", "/actuator/info",
			"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error",
			// Every browser asks for it on every page of the origin: a 401 would be a
			// refusal in the audit trail.
			"/favicon.ico",
			// Authorized by the upload ticket they carry, which the caller obtained with
			// its credentials.
			"/v1/uppy/uploads", "/v1/uppy/uploads/complete" };

	/**
	 * No observation around each security filter: it would time a dozen filters on every
	 * request, costing several percent of a request's CPU, where Spring MVC already
	 * observes the request as a whole ({@code http.server.requests}). Nor around Spring
	 * Security's authorization of each request, which asks only whether a path needs a
	 * caller: observing it cost 5 to 7% of a download's CPU under load
	 * (docs/performance.md). Who may do what is the policy's to decide, which the service
	 * observes ({@code presign.policy}) and counts
	 * ({@code presign_requests_rejected_total}), an unauthenticated request included. Nor
	 * around the authentication of a bearer token, which cost 3.8 µs of a JWT download's
	 * 114 (docs/performance.md, tenth round): an API key's never was observed, a refused
	 * credential is counted with the other refusals, and the fetch of the key set, which
	 * it may wait on, is observed (JwtHardening).
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthorizations(false)
			.shouldObserveAuthentications(false)
			.build();
	}

	/**
	 * Spring Security's default firewall, with its check of header values made cheap for
	 * printable ASCII.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(new AllowedHeaderValues());
		return firewall;
	}

	@Bean
	ManagementPort managementPort() {
		return new ManagementPort();
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, PresignSecurityProperties security,
			ObjectProvider<JwtDecoder> jwtDecoder,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems, ManagementPort managementPort) {
		AuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		AccessDeniedHandler accessDenied = (request, response, ex) -> problems.resolveException(request, response, null,
				ex);
		http.cors(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// No sessions, so nothing to log out of; the default answered /logout with a
			// redirect to a login page.
			.logout((logout) -> logout.disable())
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(PUBLIC_PATHS)
				.permitAll()
				.requestMatchers(managementPort)
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasAuthority("SCOPE_" + security.adminScope())
				.anyRequest()
				.authenticated())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.addFilterBefore(apiKeyFilter(security, entryPoint), BearerTokenAuthenticationFilter.class);
		JwtDecoder decoder = jwtDecoder.getIfAvailable();
		if (decoder != null) {
			http.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied)
				.authenticationConverter(new BearerHeaderConverter())
				.jwt((jwt) -> jwt.decoder(decoder))
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(failureHandler(entryPoint));
						return filter;
					}
				}));
		}
		return http.build();
	}

	private static AuthenticationFilter apiKeyFilter(PresignSecurityProperties apiKeys,
			AuthenticationEntryPoint entryPoint) {
		AuthenticationFilter filter = new AuthenticationFilter(
				new ProviderManager(List.of(new ApiKeyAuthenticationProvider(apiKeys))), (request) -> {
					String key = request.getHeader(API_KEY_HEADER);
					return (key != null) ? ApiKeyAuthentication.unauthenticated(key) : null;
				});
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		filter.setFailureHandler(failureHandler(entryPoint));
		return filter;
	}

	/**
	 * Failures to authenticate, including the identity provider being unreachable,
	 * answered as problems: by default Spring Security rethrows the latter, which ends in
	 * a bare 500 from the servlet container.
	 */
	private static AuthenticationEntryPointFailureHandler failureHandler(AuthenticationEntryPoint entryPoint) {
		AuthenticationEntryPointFailureHandler handler = new AuthenticationEntryPointFailureHandler(entryPoint);
		handler.setRethrowAuthenticationServiceException(false);
		return handler;
	}

	/**
	 * Browser apps call with bearer tokens in a header, never cookies, so credentials
	 * stay off; API keys are for backends and are not an allowed header.
	 */
	@Bean
	CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (properties.allowedOrigins().isEmpty()) {
			return source;
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(properties.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST", "DELETE"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", RequestIdFilter.HEADER));
		// x-amz-error-code: Uppy reads the code of a refused upload step from it, as from
		// S3.
		cors.setExposedHeaders(List.of(RequestIdFilter.HEADER, "Retry-After", "WWW-Authenticate", "x-amz-error-code"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(properties.maxAge());
		source.registerCorsConfiguration("/v1/**", cors);
		return source;
	}

	@Bean
	WebMvcConfigurer callerArgumentResolver() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}
		};
	}

}
