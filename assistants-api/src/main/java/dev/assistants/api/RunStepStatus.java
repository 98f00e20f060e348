package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Status of a run step ({@code RunStepObject.status}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class RunStepStatus extends ApiEnum {

	/** The value {@code in_progress}. */
	public static final RunStepStatus IN_PROGRESS = new RunStepStatus("in_progress");

	/** The value {@code cancelled}. */
	public static final RunStepStatus CANCELLED = new RunStepStatus("cancelled");

	/** The value {@code failed}. */
	public static final RunStepStatus FAILED = new RunStepStatus("failed");

	/** The value {@code completed}. */
	public static final RunStepStatus COMPLETED = new RunStepStatus("completed");

	/** The value {@code expired}. */
	public static final RunStepStatus EXPIRED = new RunStepStatus("expired");

	private static final Map<String, RunStepStatus> KNOWN = index(IN_PROGRESS, CANCELLED, FAILED, COMPLETED, EXPIRED);

	private RunStepStatus(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static RunStepStatus of(String value) {
		RunStepStatus known = KNOWN.get(value);
		return (known != null) ? known : new RunStepStatus(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
