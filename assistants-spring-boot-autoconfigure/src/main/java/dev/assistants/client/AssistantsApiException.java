package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * The server answered with an error status. Subtypes name the common statuses; this type itself is
 * used for any other status.
 */
public class AssistantsApiException extends AssistantsException {

	private final int statusCode;

	private final @Nullable ApiError error;

	private final @Nullable String requestId;

	private final @Nullable String responseBody;

	/**
	 * Create an exception for an error status.
	 * @param message what went wrong
	 * @param statusCode the HTTP status code
	 * @param error the error the server described, if its body had one
	 * @param requestId the {@code x-request-id} the server sent, if any
	 * @param responseBody the start of the raw body when it held no error description
	 */
	public AssistantsApiException(String message, int statusCode, @Nullable ApiError error,
			@Nullable String requestId, @Nullable String responseBody) {
		super(message, null);
		this.statusCode = statusCode;
		this.error = error;
		this.requestId = requestId;
		this.responseBody = responseBody;
	}

	/**
	 * The HTTP status code of the answer.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * The error the server described in its body.
	 * @return the error, or {@code null} if the body had no OpenAI-style error
	 */
	public @Nullable ApiError getError() {
		return this.error;
	}

	/**
	 * The server's ID of the request, to quote when reporting a problem.
	 * @return the {@code x-request-id} header, or {@code null}
	 */
	public @Nullable String getRequestId() {
		return this.requestId;
	}

	/**
	 * The start of the raw body, kept when it held no OpenAI-style error.
	 * @return the body, truncated, or {@code null}
	 */
	public @Nullable String getResponseBody() {
		return this.responseBody;
	}

}
