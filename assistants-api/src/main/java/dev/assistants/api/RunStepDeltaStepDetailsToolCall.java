package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A change to one tool call of a run step, in a {@code RunStepDeltaObject}.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(RunStepDeltaStepDetailsToolCallsCodeObject.class),
		@JsonSubTypes.Type(RunStepDeltaStepDetailsToolCallsFileSearchObject.class),
		@JsonSubTypes.Type(RunStepDeltaStepDetailsToolCallsFunctionObject.class)
})
public sealed interface RunStepDeltaStepDetailsToolCall permits RunStepDeltaStepDetailsToolCallsCodeObject, RunStepDeltaStepDetailsToolCallsFileSearchObject, RunStepDeltaStepDetailsToolCallsFunctionObject, UnknownVariant {

	/**
	 * The position of the part this delta changes.
	 * @return the index
	 */
	int index();

}
