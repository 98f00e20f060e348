package dev.assistants.client;

/**
 * The server failed (a 5xx status).
 */
public class InternalServerException extends AssistantsApiException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param response what the answer said
	 */
	public InternalServerException(String message, ApiErrorResponse response) {
		super(message, response);
	}

}
