package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An output of a code interpreter tool call: logs or an image.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(RunStepDetailsToolCallsCodeOutputLogsObject.class),
		@JsonSubTypes.Type(RunStepDetailsToolCallsCodeOutputImageObject.class)
})
public sealed interface RunStepDetailsToolCallsCodeOutput permits RunStepDetailsToolCallsCodeOutputLogsObject, RunStepDetailsToolCallsCodeOutputImageObject, UnknownVariant {

}
