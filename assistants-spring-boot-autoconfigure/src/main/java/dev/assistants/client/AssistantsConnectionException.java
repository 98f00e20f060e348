package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * The server could not be reached or the connection failed before a complete answer arrived
 * (refused or reset connection, unknown host, TLS failure, premature close), or no connection of
 * the client's pool became free in time.
 */
public class AssistantsConnectionException extends AssistantsException {

	private final boolean retryable;

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public AssistantsConnectionException(String message, @Nullable Throwable cause) {
		this(message, cause, true);
	}

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 * @param retryable whether trying the call again may succeed
	 */
	public AssistantsConnectionException(String message, @Nullable Throwable cause, boolean retryable) {
		super(message, cause);
		this.retryable = retryable;
	}

	/**
	 * Whether trying the call again may succeed: a failed connection may, a call that found no free
	 * connection in the pool within {@code openai.connection-acquire-timeout} is not retried.
	 * @return {@code true} unless created otherwise
	 */
	@Override
	public boolean isRetryable() {
		return this.retryable;
	}

}
