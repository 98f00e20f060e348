package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Status of a message ({@code MessageObject.status}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class MessageStatus extends ApiEnum {

	/** The value {@code in_progress}. */
	public static final MessageStatus IN_PROGRESS = new MessageStatus("in_progress");

	/** The value {@code incomplete}. */
	public static final MessageStatus INCOMPLETE = new MessageStatus("incomplete");

	/** The value {@code completed}. */
	public static final MessageStatus COMPLETED = new MessageStatus("completed");

	private static final Map<String, MessageStatus> KNOWN = index(IN_PROGRESS, INCOMPLETE, COMPLETED);

	private MessageStatus(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static MessageStatus of(String value) {
		MessageStatus known = KNOWN.get(value);
		return (known != null) ? known : new MessageStatus(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
