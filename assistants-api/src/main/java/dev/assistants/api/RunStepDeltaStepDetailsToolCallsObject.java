package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * Changed tool calls, in a run step delta ({@code RunStepDeltaStepDetailsToolCallsObject}).
 *
 * @param toolCalls the changed tool calls
 */
@JsonTypeName("tool_calls")
public record RunStepDeltaStepDetailsToolCallsObject(
		@JsonProperty("tool_calls") @Nullable List<RunStepDeltaStepDetailsToolCall> toolCalls)
		implements RunStepDeltaStepDetails {

}
