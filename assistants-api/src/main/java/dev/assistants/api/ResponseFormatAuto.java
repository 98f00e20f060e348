package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The string form {@code "auto"} of {@link AssistantsApiResponseFormatOption}.
 */
public enum ResponseFormatAuto implements AssistantsApiResponseFormatOption {

	/** {@code "auto"}. */
	AUTO;

	/**
	 * The value as written on the wire.
	 * @return {@code "auto"}
	 */
	@JsonValue
	public String value() {
		return "auto";
	}

}
