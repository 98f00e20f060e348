package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Reasoning effort for reasoning models ({@code ReasoningEffort}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class ReasoningEffort extends ApiEnum {

	/** The value {@code none}. */
	public static final ReasoningEffort NONE = new ReasoningEffort("none");

	/** The value {@code minimal}. */
	public static final ReasoningEffort MINIMAL = new ReasoningEffort("minimal");

	/** The value {@code low}. */
	public static final ReasoningEffort LOW = new ReasoningEffort("low");

	/** The value {@code medium}. */
	public static final ReasoningEffort MEDIUM = new ReasoningEffort("medium");

	/** The value {@code high}. */
	public static final ReasoningEffort HIGH = new ReasoningEffort("high");

	/** The value {@code xhigh}. */
	public static final ReasoningEffort XHIGH = new ReasoningEffort("xhigh");

	/** The value {@code max}. */
	public static final ReasoningEffort MAX = new ReasoningEffort("max");

	private static final Map<String, ReasoningEffort> KNOWN = index(NONE, MINIMAL, LOW, MEDIUM, HIGH, XHIGH, MAX);

	private ReasoningEffort(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static ReasoningEffort of(String value) {
		ReasoningEffort known = KNOWN.get(value);
		return (known != null) ? known : new ReasoningEffort(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
