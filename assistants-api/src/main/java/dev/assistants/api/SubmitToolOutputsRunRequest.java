package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Request to submit the outputs of a run's tool calls ({@code SubmitToolOutputsRunRequest}). All
 * outputs must be submitted in a single request.
 *
 * @param toolOutputs the outputs, one per tool call
 * @param stream whether the resumed run is streamed as server-sent events; left unset by
 * {@link #of(List)}, as {@code AssistantsOperations} answers with a single object
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmitToolOutputsRunRequest(@JsonProperty("tool_outputs") List<ToolOutput> toolOutputs,
		@Nullable Boolean stream) {

	public SubmitToolOutputsRunRequest {
		Assert.notEmpty(toolOutputs, "tool_outputs must not be empty");
	}

	/**
	 * A request submitting the given outputs.
	 * @param toolOutputs the outputs, at least one
	 * @return the request
	 */
	public static SubmitToolOutputsRunRequest of(List<ToolOutput> toolOutputs) {
		return new SubmitToolOutputsRunRequest(toolOutputs, null);
	}

	/**
	 * The output of one tool call.
	 *
	 * @param toolCallId the ID of the tool call, from {@code required_action}
	 * @param output the output of the tool call
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ToolOutput(@JsonProperty("tool_call_id") @Nullable String toolCallId, @Nullable String output) {
	}

}
