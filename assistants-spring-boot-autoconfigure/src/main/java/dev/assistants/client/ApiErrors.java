package dev.assistants.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.api.ApiError;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * Turns an error answer into the {@link AssistantsApiException} subtype for its status.
 */
final class ApiErrors {

	private static final int MAX_BODY_IN_MESSAGE = 200;

	private static final int MAX_BODY_KEPT = 2000;

	private static final String RETIRED_HINT = " OpenAI retired its hosted Assistants API on 2026-08-26:"
			+ " set openai.base-url to an OpenAI-compatible server that implements it.";

	/** How servers word the refusal to add a message to a thread with an active run. */
	private static final Pattern ACTIVE_RUN = Pattern.compile("while a run (\\S+?)?\\s*is active");

	private final JsonMapper jsonMapper;

	private final boolean retiredOpenAiHost;

	private final Clock clock;

	ApiErrors(JsonMapper jsonMapper, String baseHost, Clock clock) {
		this.jsonMapper = jsonMapper;
		this.retiredOpenAiHost = "api.openai.com".equalsIgnoreCase(baseHost);
		this.clock = clock;
	}

	AssistantsApiException toException(ApiRequest request, int status, HttpHeaders headers, String body) {
		ApiError error = parse(body);
		String requestId = headers.getFirst("x-request-id");
		ApiErrorResponse response = new ApiErrorResponse(status, error, requestId,
				(error != null || body.isEmpty()) ? null : truncate(body, MAX_BODY_KEPT), retryable(status, headers),
				retryAfter(headers, this.clock.instant()));
		String message = message(request, status, error, requestId, body);
		return switch (status) {
			case 400 -> badRequest(message, response);
			case 401 -> new AuthenticationException(message, response);
			case 403 -> new PermissionDeniedException(message, response);
			case 404 -> new NotFoundException(message, response);
			case 409 -> new ConflictException(message, response);
			case 422 -> new UnprocessableEntityException(message, response);
			case 429 -> new RateLimitException(message, response);
			default -> (status >= 500) ? new InternalServerException(message, response)
					: new AssistantsApiException(message, response);
		};
	}

	/**
	 * The exception for a response that cannot be read, with what identifies the response in its
	 * message: status, content type, request ID and the beginning of the body.
	 * @param problem what is wrong with the response
	 * @param body the body or event data as far as it was read, or {@code null} if it was not
	 */
	static InvalidResponseException invalidResponse(ApiRequest request, ClientResponse response, String problem,
			@Nullable String body, @Nullable Throwable cause) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		String requestId = headers.getFirst("x-request-id");
		StringBuilder message = new StringBuilder(request.description()).append(": ")
			.append(problem)
			.append(" [status ")
			.append(status);
		if (contentType != null) {
			message.append(", content type ").append(contentType);
		}
		if (requestId != null) {
			message.append(", request ID ").append(requestId);
		}
		message.append(']');
		String excerpt = (body != null && !body.isEmpty()) ? truncate(body, MAX_BODY_KEPT) : null;
		if (excerpt != null) {
			message.append(": ").append(truncate(body, MAX_BODY_IN_MESSAGE));
		}
		return new InvalidResponseException(message.toString(), cause, status, contentType, requestId, excerpt);
	}

	private static BadRequestException badRequest(String message, ApiErrorResponse response) {
		String serverMessage = (response.error() != null) ? response.error().message() : response.body();
		Matcher activeRun = (serverMessage != null) ? ACTIVE_RUN.matcher(serverMessage) : null;
		return (activeRun != null && activeRun.find()) ? new ActiveRunException(message, response, activeRun.group(1))
				: new BadRequestException(message, response);
	}

	private static boolean retryable(int status, HttpHeaders headers) {
		String shouldRetry = headers.getFirst("x-should-retry");
		if ("true".equalsIgnoreCase(shouldRetry) || "false".equalsIgnoreCase(shouldRetry)) {
			return Boolean.parseBoolean(shouldRetry);
		}
		return status == 408 || status == 409 || status == 429 || status >= 500;
	}

	/**
	 * The delay the server asks for: {@code retry-after-ms} (milliseconds), else {@code Retry-After}
	 * (seconds or an HTTP date).
	 */
	static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
		Double millis = number(headers.getFirst("retry-after-ms"));
		if (millis != null) {
			return Duration.ofNanos((long) (millis * 1_000_000));
		}
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (retryAfter == null) {
			return null;
		}
		Double seconds = number(retryAfter);
		if (seconds != null) {
			return Duration.ofNanos((long) (seconds * 1_000_000_000));
		}
		try {
			Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Double number(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			double number = Double.parseDouble(value.trim());
			return (number >= 0 && Double.isFinite(number)) ? number : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
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
