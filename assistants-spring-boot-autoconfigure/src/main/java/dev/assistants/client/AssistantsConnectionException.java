package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * The server could not be reached or the connection failed before a complete answer arrived
 * (refused or reset connection, unknown host, TLS failure, premature close).
 */
public class AssistantsConnectionException extends AssistantsException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public AssistantsConnectionException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * A failed connection may succeed when tried again.
	 * @return {@code true}
	 */
	@Override
	public boolean isRetryable() {
		return true;
	}

}
