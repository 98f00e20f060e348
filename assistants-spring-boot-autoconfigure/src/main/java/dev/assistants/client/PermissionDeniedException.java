package dev.assistants.client;

/**
 * The API key may not access the resource (403).
 */
public class PermissionDeniedException extends AssistantsApiException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param response what the answer said
	 */
	public PermissionDeniedException(String message, ApiErrorResponse response) {
		super(message, response);
	}

}
