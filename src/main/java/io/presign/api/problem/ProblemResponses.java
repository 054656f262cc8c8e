package io.presign.api.problem;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.presign.policy.Rule;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes every endpoint's error responses into the API description from
 * {@link ProblemType}: one response per status, listing when it happens, with one example
 * per refusal built by {@link Problems#example}, the factory of the real documents. Also
 * declares the problem schema with the service's extensions.
 */
final class ProblemResponses implements OperationCustomizer, OpenApiCustomizer {

	static final String SCHEMA = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	/** Every authenticated endpoint can answer these. */
	private static final Set<String> EVERY_ENDPOINT = Set.of(WebRefusal.UNAUTHENTICATED.code(),
			WebRefusal.IDENTITY_PROVIDER_UNAVAILABLE.code());

	/**
	 * Every endpoint can answer these: {@link RequestBodyLimit} refuses a body over the
	 * limit or in a type no endpoint takes before any endpoint is chosen, also where the
	 * endpoint reads no body.
	 */
	private static final Set<String> EVERY_REQUEST = Set.of(WebRefusal.REQUEST_TOO_LARGE.code(),
			WebRefusal.UNSUPPORTED_MEDIA_TYPE.code());

	/** Every endpoint taking a JSON body can answer this too. */
	private static final Set<String> EVERY_BODY = Set.of(Rule.REQUEST_INVALID.code());

	private final JsonMapper json;

	/**
	 * @param json the application's mapper, so that examples are written as real problem
	 * documents are
	 */
	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		Refuses refuses = handlerMethod.getMethodAnnotation(Refuses.class);
		if (refuses == null) {
			return operation;
		}
		Set<String> codes = declared(refuses, takesBody(handlerMethod));
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		Map<Integer, List<ProblemType>> byStatus = ProblemType.all()
			.stream()
			.filter((type) -> codes.contains(type.code()))
			.collect(Collectors.groupingBy((type) -> type.status().value(), TreeMap::new, Collectors.toList()));
		byStatus.forEach((status, grouped) -> responses.addApiResponse(Integer.toString(status), response(grouped)));
		operation.setResponses(responses);
		return operation;
	}

	/**
	 * The codes an endpoint declares: its groups and rules, what every endpoint (and
	 * every one with a body) can answer, and the shared rate-limit store's failure
	 * wherever a rate limit counts.
	 */
	static Set<String> declared(Refuses refuses, boolean takesBody) {
		Set<String> codes = new HashSet<>(EVERY_ENDPOINT);
		codes.addAll(EVERY_REQUEST);
		Arrays.stream(refuses.groups()).flatMap((group) -> group.rules().stream()).map(Rule::code).forEach(codes::add);
		Arrays.stream(refuses.value()).map(Rule::code).forEach(codes::add);
		if (codes.contains(Rule.RATE_LIMITED.code())) {
			// Whatever counts against a limit may meet a shared store that cannot answer
			// (fail-closed).
			codes.add(Rule.RATE_LIMIT_UNAVAILABLE.code());
		}
		if (takesBody) {
			codes.addAll(EVERY_BODY);
		}
		return codes;
	}

	private static boolean takesBody(HandlerMethod handlerMethod) {
		return Arrays.stream(handlerMethod.getMethodParameters())
			.anyMatch((parameter) -> parameter.hasParameterAnnotation(RequestBody.class));
	}

	private ApiResponse response(List<ProblemType> types) {
		MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA));
		Map<String, Example> examples = new LinkedHashMap<>();
		for (ProblemType type : types) {
			examples.put(type.code(), new Example().summary(type.meaning())
				.value(this.json.convertValue(Problems.example(type), Map.class)));
		}
		media.setExamples(examples);
		String description = types.stream()
			.map((type) -> "`" + type.code() + "`: " + type.meaning())
			.collect(Collectors.joining("; "));
		return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, media));
	}

	@Override
	public void customise(OpenAPI openApi) {
		ObjectSchema problem = new ObjectSchema();
		problem.setDescription("An RFC 9457 problem document. Limits relevant to the refusal (maxContentLength, "
				+ "allowedContentTypes, maxExpirySeconds, limit, ...) appear as further members.");
		problem.addProperty("type", new StringSchema().format("uri").example("urn:presign:problem:key-invalid"));
		problem.addProperty("title", new StringSchema().example("Key invalid"));
		problem.addProperty("status", new IntegerSchema().example(400));
		problem.addProperty("detail", new StringSchema().example("The key must not contain '.' or '..' segments"));
		problem.addProperty("instance", new StringSchema().format("uri-reference").example("/v1/downloads"));
		StringSchema code = new StringSchema();
		code.setDescription("The refusal's stable code, the last part of type");
		ProblemType.all().stream().map(ProblemType::code).forEach(code::addEnumItem);
		problem.addProperty("code", code);
		problem.addProperty("field",
				new StringSchema().description("The request field at fault, where there is one").example("key"));
		problem.addProperty("requestId",
				new StringSchema().description("The request's id, also in the X-Request-Id header and every log line"));
		problem.addProperty("traceId", new StringSchema()
			.description("The request's trace (W3C trace id), also in every log line of the request"));
		problem.setRequired(List.of("type", "title", "status", "code"));
		problem.setAdditionalProperties(Boolean.TRUE);
		openApi.getComponents().addSchemas(SCHEMA, problem);
	}

}
