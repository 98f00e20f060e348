package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Code of a run's or run step's {@code last_error}.
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class LastErrorCode extends ApiEnum {

	/** The value {@code server_error}. */
	public static final LastErrorCode SERVER_ERROR = new LastErrorCode("server_error");

	/** The value {@code rate_limit_exceeded}. */
	public static final LastErrorCode RATE_LIMIT_EXCEEDED = new LastErrorCode("rate_limit_exceeded");

	/** The value {@code invalid_prompt}. */
	public static final LastErrorCode INVALID_PROMPT = new LastErrorCode("invalid_prompt");

	private static final Map<String, LastErrorCode> KNOWN = index(SERVER_ERROR, RATE_LIMIT_EXCEEDED, INVALID_PROMPT);

	private LastErrorCode(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static LastErrorCode of(String value) {
		LastErrorCode known = KNOWN.get(value);
		return (known != null) ? known : new LastErrorCode(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
