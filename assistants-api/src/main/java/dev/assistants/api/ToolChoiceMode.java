package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The string form of {@code AssistantsApiToolChoiceOption}: whether and how the model picks tools.
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public final class ToolChoiceMode extends ApiEnum implements AssistantsApiToolChoiceOption {

	/** The value {@code none}. */
	public static final ToolChoiceMode NONE = new ToolChoiceMode("none");

	/** The value {@code auto}. */
	public static final ToolChoiceMode AUTO = new ToolChoiceMode("auto");

	/** The value {@code required}. */
	public static final ToolChoiceMode REQUIRED = new ToolChoiceMode("required");

	private static final Map<String, ToolChoiceMode> KNOWN = index(NONE, AUTO, REQUIRED);

	private ToolChoiceMode(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static ToolChoiceMode of(String value) {
		ToolChoiceMode known = KNOWN.get(value);
		return (known != null) ? known : new ToolChoiceMode(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
