package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Who produced a message: the {@code role} of {@code MessageObject} and {@code CreateMessageRequest}.
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class MessageRole extends ApiEnum {

	/** The value {@code user}. */
	public static final MessageRole USER = new MessageRole("user");

	/** The value {@code assistant}. */
	public static final MessageRole ASSISTANT = new MessageRole("assistant");

	private static final Map<String, MessageRole> KNOWN = index(USER, ASSISTANT);

	private MessageRole(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static MessageRole of(String value) {
		MessageRole known = KNOWN.get(value);
		return (known != null) ? known : new MessageRole(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
