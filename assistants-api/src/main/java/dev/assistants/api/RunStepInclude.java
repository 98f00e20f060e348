package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Additional fields a run or run step response can include (the {@code include[]} query parameter).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class RunStepInclude extends ApiEnum {

	/** The value {@code step_details.tool_calls[*].file_search.results[*].content}. */
	public static final RunStepInclude FILE_SEARCH_RESULT_CONTENT = new RunStepInclude("step_details.tool_calls[*].file_search.results[*].content");

	private static final Map<String, RunStepInclude> KNOWN = index(FILE_SEARCH_RESULT_CONTENT);

	private RunStepInclude(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static RunStepInclude of(String value) {
		RunStepInclude known = KNOWN.get(value);
		return (known != null) ? known : new RunStepInclude(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
