package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * A successful answer could not be read: an empty body, a body that is not the expected JSON (an
 * HTML page from a proxy, truncated JSON), or a body larger than {@code openai.max-in-memory-size}.
 */
public class InvalidResponseException extends AssistantsException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public InvalidResponseException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
