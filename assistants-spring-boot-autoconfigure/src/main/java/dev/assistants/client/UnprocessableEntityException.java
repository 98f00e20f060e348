package dev.assistants.client;

/**
 * The request was well-formed but could not be processed (422).
 */
public class UnprocessableEntityException extends AssistantsApiException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param response what the answer said
	 */
	public UnprocessableEntityException(String message, ApiErrorResponse response) {
		super(message, response);
	}

}
