package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An execution run on a thread ({@code RunObject}).
 *
 * @param id the identifier, which can be referenced in API endpoints
 * @param object the object type, always {@code thread.run}
 * @param createdAt the Unix timestamp (in seconds) of the creation
 * @param threadId the ID of the thread that was run
 * @param assistantId the ID of the assistant used
 * @param status the status of the run
 * @param requiredAction what the run waits for, when its status is {@code requires_action}
 * @param lastError the last error of the run
 * @param expiresAt the Unix timestamp (in seconds) when the run expires
 * @param startedAt the Unix timestamp (in seconds) when the run started
 * @param cancelledAt the Unix timestamp (in seconds) when the run was cancelled
 * @param failedAt the Unix timestamp (in seconds) when the run failed
 * @param completedAt the Unix timestamp (in seconds) when the run completed
 * @param incompleteDetails why the run is incomplete, when it is
 * @param model the model used
 * @param instructions the instructions used
 * @param tools the tools used
 * @param metadata up to 16 key-value pairs attached to the object
 * @param usage the token usage, once the run is in a terminal state
 * @param temperature the sampling temperature used
 * @param topP the nucleus sampling value used
 * @param maxPromptTokens the maximum number of prompt tokens allowed
 * @param maxCompletionTokens the maximum number of completion tokens allowed
 * @param truncationStrategy how the thread was truncated
 * @param toolChoice which tool the model had to call
 * @param parallelToolCalls whether parallel function calling was enabled
 * @param responseFormat the format the model had to output
 */
public record RunObject(String id, String object, @JsonProperty("created_at") long createdAt,
		@JsonProperty("thread_id") String threadId, @JsonProperty("assistant_id") String assistantId,
		RunStatus status, @JsonProperty("required_action") @Nullable RequiredAction requiredAction,
		@JsonProperty("last_error") @Nullable LastError lastError,
		@JsonProperty("expires_at") @Nullable Long expiresAt, @JsonProperty("started_at") @Nullable Long startedAt,
		@JsonProperty("cancelled_at") @Nullable Long cancelledAt, @JsonProperty("failed_at") @Nullable Long failedAt,
		@JsonProperty("completed_at") @Nullable Long completedAt,
		@JsonProperty("incomplete_details") @Nullable IncompleteDetails incompleteDetails, String model,
		@Nullable String instructions, List<AssistantTool> tools, @Nullable Map<String, String> metadata,
		@Nullable RunCompletionUsage usage, @Nullable Double temperature,
		@JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("max_prompt_tokens") @Nullable Integer maxPromptTokens,
		@JsonProperty("max_completion_tokens") @Nullable Integer maxCompletionTokens,
		@JsonProperty("truncation_strategy") @Nullable TruncationObject truncationStrategy,
		@JsonProperty("tool_choice") @Nullable AssistantsApiToolChoiceOption toolChoice,
		@JsonProperty("parallel_tool_calls") @Nullable Boolean parallelToolCalls,
		@JsonProperty("response_format") @Nullable AssistantsApiResponseFormatOption responseFormat) {

	/**
	 * What a run waits for before it can continue.
	 *
	 * @param type the type of the action, {@code submit_tool_outputs}
	 * @param submitToolOutputs the tool calls whose outputs are needed
	 */
	public record RequiredAction(String type,
			@JsonProperty("submit_tool_outputs") SubmitToolOutputs submitToolOutputs) {
	}

	/**
	 * The tool calls whose outputs a run needs.
	 *
	 * @param toolCalls the tool calls
	 */
	public record SubmitToolOutputs(@JsonProperty("tool_calls") List<RunToolCallObject> toolCalls) {
	}

	/**
	 * Why a run is incomplete.
	 *
	 * @param reason the reason
	 */
	public record IncompleteDetails(@Nullable RunIncompleteReason reason) {
	}

}
