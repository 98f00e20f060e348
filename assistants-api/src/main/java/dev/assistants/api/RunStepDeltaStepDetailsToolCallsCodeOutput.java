package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A new output of a code interpreter tool call, in a run step delta.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject.class),
		@JsonSubTypes.Type(RunStepDeltaStepDetailsToolCallsCodeOutputImageObject.class)
})
public sealed interface RunStepDeltaStepDetailsToolCallsCodeOutput permits RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject, RunStepDeltaStepDetailsToolCallsCodeOutputImageObject, UnknownVariant {

	/**
	 * The position of the part this delta changes.
	 * @return the index
	 */
	int index();

}
