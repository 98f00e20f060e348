package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * The message a run step creates, in a run step delta
 * ({@code RunStepDeltaStepDetailsMessageCreationObject}).
 *
 * @param messageCreation the created message
 */
@JsonTypeName("message_creation")
public record RunStepDeltaStepDetailsMessageCreationObject(
		@JsonProperty("message_creation") @Nullable MessageCreation messageCreation) implements RunStepDeltaStepDetails {

	/**
	 * The created message.
	 *
	 * @param messageId the ID of the message
	 */
	public record MessageCreation(@JsonProperty("message_id") @Nullable String messageId) {
	}

}
