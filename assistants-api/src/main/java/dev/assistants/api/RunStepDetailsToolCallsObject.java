package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A run step that called tools ({@code RunStepDetailsToolCallsObject}).
 *
 * @param toolCalls the tool calls of the step
 */
@JsonTypeName("tool_calls")
public record RunStepDetailsToolCallsObject(@JsonProperty("tool_calls") List<RunStepDetailsToolCall> toolCalls)
		implements RunStepDetails {

}
