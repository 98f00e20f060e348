package dev.assistants.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.assistants.api.ApiError;

/**
 * The server answered with an error status. Subtypes name the common statuses; this type itself is
 * used for any other status.
 */
public class AssistantsApiException extends AssistantsException {

	private final ApiErrorResponse response;

	/**
	 * Create an exception for an error answer.
	 * @param message what went wrong
	 * @param response what the answer said
	 */
	public AssistantsApiException(String message, ApiErrorResponse response) {
		super(message, null);
		this.response = response;
	}

	/**
	 * The HTTP status code of the answer.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.response.statusCode();
	}

	/**
	 * The error the server described in its body.
	 * @return the error, or {@code null} if the body had no OpenAI-style error
	 */
	public @Nullable ApiError getError() {
		return this.response.error();
	}

	/**
	 * The server's ID of the request, to quote when reporting a problem.
	 * @return the {@code x-request-id} header, or {@code null}
	 */
	public @Nullable String getRequestId() {
		return this.response.requestId();
	}

	/**
	 * The start of the raw body, kept when it held no OpenAI-style error.
	 * @return the body, truncated, or {@code null}
	 */
	public @Nullable String getResponseBody() {
		return this.response.body();
	}

	/**
	 * The delay the server asked for before a retry ({@code retry-after-ms} or {@code Retry-After}).
	 * @return the delay, or {@code null} if the server gave none
	 */
	public @Nullable Duration getRetryAfter() {
		return this.response.retryAfter();
	}

	/**
	 * Whether the server allows a retry: its {@code x-should-retry} header when it sent one,
	 * otherwise whether the status is 408, 409, 429 or 5xx.
	 * @return whether the call may be retried
	 */
	@Override
	public boolean isRetryable() {
		return this.response.retryable();
	}

	/**
	 * Everything the error answer said.
	 * @return the error response
	 */
	public ApiErrorResponse getResponse() {
		return this.response;
	}

}
