package dev.assistants.client;

/**
 * The request conflicts with the resource's state (409).
 */
public class ConflictException extends AssistantsApiException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param response what the answer said
	 */
	public ConflictException(String message, ApiErrorResponse response) {
		super(message, response);
	}

}
