package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A run step that created a message ({@code RunStepDetailsMessageCreationObject}).
 *
 * @param messageCreation the created message
 */
@JsonTypeName("message_creation")
public record RunStepDetailsMessageCreationObject(
		@JsonProperty("message_creation") MessageCreation messageCreation) implements RunStepDetails {

	/**
	 * The created message.
	 *
	 * @param messageId the ID of the message
	 */
	public record MessageCreation(@JsonProperty("message_id") String messageId) {
	}

}
