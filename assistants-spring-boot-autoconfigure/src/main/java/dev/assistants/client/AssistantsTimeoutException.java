package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * The server did not connect or answer in time ({@code openai.connect-timeout},
 * {@code openai.response-timeout}), or the whole call did not complete within
 * {@code openai.timeout}.
 */
public class AssistantsTimeoutException extends AssistantsConnectionException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public AssistantsTimeoutException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
