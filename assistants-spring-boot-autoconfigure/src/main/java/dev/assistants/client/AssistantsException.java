package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * Root of the exceptions {@link AssistantsOperations} signals. Messages never contain the API key.
 */
public class AssistantsException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public AssistantsException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
