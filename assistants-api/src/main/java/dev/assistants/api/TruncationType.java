package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Truncation strategy type ({@code TruncationObject.type}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class TruncationType extends ApiEnum {

	/** The value {@code auto}. */
	public static final TruncationType AUTO = new TruncationType("auto");

	/** The value {@code last_messages}. */
	public static final TruncationType LAST_MESSAGES = new TruncationType("last_messages");

	private static final Map<String, TruncationType> KNOWN = index(AUTO, LAST_MESSAGES);

	private TruncationType(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static TruncationType of(String value) {
		TruncationType known = KNOWN.get(value);
		return (known != null) ? known : new TruncationType(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
