package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A tool call of a run step: code interpreter, file search or function.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(RunStepDetailsToolCallsCodeObject.class),
		@JsonSubTypes.Type(RunStepDetailsToolCallsFileSearchObject.class),
		@JsonSubTypes.Type(RunStepDetailsToolCallsFunctionObject.class)
})
public sealed interface RunStepDetailsToolCall permits RunStepDetailsToolCallsCodeObject, RunStepDetailsToolCallsFileSearchObject, RunStepDetailsToolCallsFunctionObject, UnknownVariant {

}
