package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * The request conflicts with the resource's state (409).
 */
public class ConflictException extends AssistantsApiException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param statusCode the HTTP status code
	 * @param error the error the server described, if its body had one
	 * @param requestId the {@code x-request-id} the server sent, if any
	 * @param responseBody the start of the raw body when it held no error description
	 */
	public ConflictException(String message, int statusCode, @Nullable ApiError error, @Nullable String requestId,
			@Nullable String responseBody) {
		super(message, statusCode, error, requestId, responseBody);
	}

}
