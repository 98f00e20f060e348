package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Why a run is incomplete ({@code RunObject.incomplete_details.reason}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class RunIncompleteReason extends ApiEnum {

	/** The value {@code max_completion_tokens}. */
	public static final RunIncompleteReason MAX_COMPLETION_TOKENS = new RunIncompleteReason("max_completion_tokens");

	/** The value {@code max_prompt_tokens}. */
	public static final RunIncompleteReason MAX_PROMPT_TOKENS = new RunIncompleteReason("max_prompt_tokens");

	private static final Map<String, RunIncompleteReason> KNOWN = index(MAX_COMPLETION_TOKENS, MAX_PROMPT_TOKENS);

	private RunIncompleteReason(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static RunIncompleteReason of(String value) {
		RunIncompleteReason known = KNOWN.get(value);
		return (known != null) ? known : new RunIncompleteReason(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
