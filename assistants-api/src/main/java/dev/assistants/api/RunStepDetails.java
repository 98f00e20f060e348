package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The details of a run step: message creation or tool calls.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(RunStepDetailsMessageCreationObject.class),
		@JsonSubTypes.Type(RunStepDetailsToolCallsObject.class)
})
public sealed interface RunStepDetails permits RunStepDetailsMessageCreationObject, RunStepDetailsToolCallsObject, UnknownVariant {

}
