package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Why a message is incomplete ({@code MessageObject.incomplete_details.reason}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class MessageIncompleteReason extends ApiEnum {

	/** The value {@code content_filter}. */
	public static final MessageIncompleteReason CONTENT_FILTER = new MessageIncompleteReason("content_filter");

	/** The value {@code max_tokens}. */
	public static final MessageIncompleteReason MAX_TOKENS = new MessageIncompleteReason("max_tokens");

	/** The value {@code run_cancelled}. */
	public static final MessageIncompleteReason RUN_CANCELLED = new MessageIncompleteReason("run_cancelled");

	/** The value {@code run_expired}. */
	public static final MessageIncompleteReason RUN_EXPIRED = new MessageIncompleteReason("run_expired");

	/** The value {@code run_failed}. */
	public static final MessageIncompleteReason RUN_FAILED = new MessageIncompleteReason("run_failed");

	private static final Map<String, MessageIncompleteReason> KNOWN = index(CONTENT_FILTER, MAX_TOKENS, RUN_CANCELLED, RUN_EXPIRED, RUN_FAILED);

	private MessageIncompleteReason(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static MessageIncompleteReason of(String value) {
		MessageIncompleteReason known = KNOWN.get(value);
		return (known != null) ? known : new MessageIncompleteReason(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
