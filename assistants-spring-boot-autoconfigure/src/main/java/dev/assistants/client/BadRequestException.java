package dev.assistants.client;

/**
 * The request was invalid (400), for example a missing field, or a message added to a thread whose run is active.
 */
public class BadRequestException extends AssistantsApiException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param response what the answer said
	 */
	public BadRequestException(String message, ApiErrorResponse response) {
		super(message, response);
	}

}
