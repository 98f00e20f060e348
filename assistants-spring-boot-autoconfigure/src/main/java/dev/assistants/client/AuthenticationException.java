package dev.assistants.client;

/**
 * The API key is missing or not accepted (401).
 */
public class AuthenticationException extends AssistantsApiException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param response what the answer said
	 */
	public AuthenticationException(String message, ApiErrorResponse response) {
		super(message, response);
	}

}
