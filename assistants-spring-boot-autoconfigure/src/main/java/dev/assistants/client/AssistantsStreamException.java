package dev.assistants.client;

import org.jspecify.annotations.Nullable;

import dev.assistants.api.ApiError;

/**
 * A streamed run ended badly: the server sent an {@code error} event, or the stream ended before
 * its {@code done} event while the run was still going.
 */
public class AssistantsStreamException extends AssistantsException {

	private final @Nullable ApiError error;

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param error the error the server sent, if any
	 */
	public AssistantsStreamException(String message, @Nullable ApiError error) {
		super(message, null);
		this.error = error;
	}

	/**
	 * The error the server sent in its {@code error} event.
	 * @return the error, or {@code null} if the stream just ended early
	 */
	public @Nullable ApiError getError() {
		return this.error;
	}

}
