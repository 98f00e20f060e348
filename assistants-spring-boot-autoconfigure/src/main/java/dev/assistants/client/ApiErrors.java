package dev.assistants.client;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * Turns an error answer into the {@link AssistantsApiException} subtype for its status.
 */
final class ApiErrors {

	private static final int MAX_BODY_IN_MESSAGE = 200;

	private static final int MAX_BODY_KEPT = 2000;

	private static final String RETIRED_HINT = " OpenAI retired its hosted Assistants API on 2026-08-26:"
			+ " set openai.base-url to an OpenAI-compatible server that implements it.";

	private final JsonMapper jsonMapper;

	private final boolean retiredOpenAiHost;

	ApiErrors(JsonMapper jsonMapper, String baseHost) {
		this.jsonMapper = jsonMapper;
		this.retiredOpenAiHost = "api.openai.com".equalsIgnoreCase(baseHost);
	}

	AssistantsApiException toException(ApiRequest request, int status, @Nullable String requestId, String body) {
		ApiError error = parse(body);
		String responseBody = (error != null || body.isEmpty()) ? null : truncate(body, MAX_BODY_KEPT);
		String message = message(request, status, error, requestId, body);
		return switch (status) {
			case 400 -> new BadRequestException(message, status, error, requestId, responseBody);
			case 401 -> new AuthenticationException(message, status, error, requestId, responseBody);
			case 403 -> new PermissionDeniedException(message, status, error, requestId, responseBody);
			case 404 -> new NotFoundException(message, status, error, requestId, responseBody);
			case 409 -> new ConflictException(message, status, error, requestId, responseBody);
			case 422 -> new UnprocessableEntityException(message, status, error, requestId, responseBody);
			case 429 -> new RateLimitException(message, status, error, requestId, responseBody);
			default -> (status >= 500) ? new InternalServerException(message, status, error, requestId, responseBody)
					: new AssistantsApiException(message, status, error, requestId, responseBody);
		};
	}

	private String message(ApiRequest request, int status, @Nullable ApiError error, @Nullable String requestId,
			String body) {
		StringBuilder message = new StringBuilder(request.description()).append(": ").append(status);
		HttpStatus known = HttpStatus.resolve(status);
		if (known != null) {
			message.append(' ').append(known.getReasonPhrase());
		}
		if (error != null) {
			if (error.message() != null) {
				message.append(": ").append(error.message());
			}
			message.append(" [type=").append(error.type()).append(", code=").append(error.code());
			message.append(", param=").append(error.param()).append(']');
		}
		else if (!body.isEmpty()) {
			message.append(": ").append(truncate(body, MAX_BODY_IN_MESSAGE));
		}
		if (requestId != null) {
			message.append(" (request ID ").append(requestId).append(')');
		}
		if (status == 404 && this.retiredOpenAiHost) {
			message.append('.').append(RETIRED_HINT);
		}
		return message.toString();
	}

	private @Nullable ApiError parse(String body) {
		if (body.isEmpty()) {
			return null;
		}
		try {
			JsonNode error = this.jsonMapper.readTree(body).path("error");
			if (error.isString()) {
				return new ApiError(error.stringValue(), null, null, null);
			}
			if (error.isObject()) {
				return new ApiError(text(error, "message"), text(error, "type"), text(error, "param"),
						text(error, "code"));
			}
			return null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode node, String property) {
		JsonNode value = node.get(property);
		if (value == null || value.isNull()) {
			return null;
		}
		return value.isValueNode() ? value.asString() : value.toString();
	}

	private static String truncate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "... (" + text.length() + " characters)";
	}

}
