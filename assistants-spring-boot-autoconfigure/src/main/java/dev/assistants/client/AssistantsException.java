package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * Root of the exceptions {@link AssistantsOperations} signals. Messages never contain the API key.
 * <p>
 * When a call was attempted more than once, the exception is the last attempt's, its message says
 * how many attempts were made, and the earlier attempts' failures are
 * {@linkplain #getSuppressed() suppressed} by it. When a retryable failure was not retried, for
 * example because the server asked for a longer wait than {@code openai.retry.max-server-delay}, its
 * message says why.
 */
public class AssistantsException extends RuntimeException {

	private int attempts = 1;

	private @Nullable String notRetried;

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public AssistantsException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Whether trying the same call again may succeed.
	 * @return {@code false} unless a subtype says otherwise
	 */
	public boolean isRetryable() {
		return false;
	}

	/**
	 * How many times the call was attempted before it failed with this exception.
	 * @return the number of attempts, at least 1
	 */
	public int getAttempts() {
		return this.attempts;
	}

	void attempts(int attempts) {
		this.attempts = attempts;
	}

	void notRetried(String reason) {
		this.notRetried = reason;
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		if (this.attempts > 1) {
			message += " (after " + this.attempts + " attempts)";
		}
		return (this.notRetried != null) ? message + "; not retried: " + this.notRetried : message;
	}

}
