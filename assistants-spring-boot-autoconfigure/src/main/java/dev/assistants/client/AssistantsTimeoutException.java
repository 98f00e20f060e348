package dev.assistants.client;

/**
 * The server did not connect or answer in time ({@code openai.connect-timeout},
 * {@code openai.response-timeout}).
 */
public class AssistantsTimeoutException extends AssistantsConnectionException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public AssistantsTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

}
