package dev.assistants.client;

/**
 * The resource does not exist (404).
 */
public class NotFoundException extends AssistantsApiException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param response what the answer said
	 */
	public NotFoundException(String message, ApiErrorResponse response) {
		super(message, response);
	}

}
