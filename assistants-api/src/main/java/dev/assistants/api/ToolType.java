package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Type of a tool named by {@code AssistantsNamedToolChoice.type}.
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class ToolType extends ApiEnum {

	/** The value {@code function}. */
	public static final ToolType FUNCTION = new ToolType("function");

	/** The value {@code code_interpreter}. */
	public static final ToolType CODE_INTERPRETER = new ToolType("code_interpreter");

	/** The value {@code file_search}. */
	public static final ToolType FILE_SEARCH = new ToolType("file_search");

	private static final Map<String, ToolType> KNOWN = index(FUNCTION, CODE_INTERPRETER, FILE_SEARCH);

	private ToolType(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static ToolType of(String value) {
		ToolType known = KNOWN.get(value);
		return (known != null) ? known : new ToolType(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
