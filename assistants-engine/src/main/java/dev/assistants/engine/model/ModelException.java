package dev.assistants.engine.model;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.assistants.api.LastErrorCode;

/**
 * A model that cannot answer: the run ends {@code failed} with this code and message as its
 * {@code last_error}.
 */
public class ModelException extends RuntimeException {

	private final LastErrorCode code;

	/**
	 * Create a new exception.
	 * @param code the run's {@code last_error.code}: {@code rate_limit_exceeded} when the provider
	 * limits the rate, {@code invalid_prompt} when it refuses the request, {@code server_error}
	 * otherwise
	 * @param message the run's {@code last_error.message}, which the API's users see: it must not
	 * hold secrets
	 * @param cause the cause, or {@code null}
	 */
	public ModelException(LastErrorCode code, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.code = Objects.requireNonNull(code, "code must not be null");
	}

	/**
	 * Create a new exception.
	 * @param code the run's {@code last_error.code}
	 * @param message the run's {@code last_error.message}
	 */
	public ModelException(LastErrorCode code, String message) {
		this(code, message, null);
	}

	/**
	 * The code the run fails with.
	 * @return the code
	 */
	public LastErrorCode getCode() {
		return this.code;
	}

}
