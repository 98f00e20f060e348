package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Type of a run step ({@code RunStepObject.type}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class RunStepType extends ApiEnum {

	/** The value {@code message_creation}. */
	public static final RunStepType MESSAGE_CREATION = new RunStepType("message_creation");

	/** The value {@code tool_calls}. */
	public static final RunStepType TOOL_CALLS = new RunStepType("tool_calls");

	private static final Map<String, RunStepType> KNOWN = index(MESSAGE_CREATION, TOOL_CALLS);

	private RunStepType(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static RunStepType of(String value) {
		RunStepType known = KNOWN.get(value);
		return (known != null) ? known : new RunStepType(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
