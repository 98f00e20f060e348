package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * How a thread is truncated before a run ({@code TruncationObject}).
 *
 * @param type the truncation strategy
 * @param lastMessages the number of most recent messages kept, with {@code last_messages}
 */
public record TruncationObject(TruncationType type, @JsonProperty("last_messages") @Nullable Integer lastMessages) {

	/**
	 * Keep only the given number of most recent messages.
	 * @param count the number of messages, at least 1
	 * @return the truncation strategy
	 */
	public static TruncationObject lastMessages(int count) {
		return new TruncationObject(TruncationType.LAST_MESSAGES, count);
	}

}
