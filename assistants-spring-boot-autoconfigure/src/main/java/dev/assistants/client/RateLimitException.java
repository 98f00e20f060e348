package dev.assistants.client;

/**
 * Too many requests or tokens, or the quota is exhausted (429).
 */
public class RateLimitException extends AssistantsApiException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param response what the answer said
	 */
	public RateLimitException(String message, ApiErrorResponse response) {
		super(message, response);
	}

}
