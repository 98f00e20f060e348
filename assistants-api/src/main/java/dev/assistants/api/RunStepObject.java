package dev.assistants.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A step in the execution of a run ({@code RunStepObject}).
 *
 * @param id the identifier, which can be referenced in API endpoints
 * @param object the object type, always {@code thread.run.step}
 * @param createdAt the Unix timestamp (in seconds) of the creation
 * @param assistantId the ID of the assistant associated with the step
 * @param threadId the ID of the thread that was run
 * @param runId the ID of the run the step belongs to
 * @param type the type of the step
 * @param status the status of the step
 * @param stepDetails the details of the step
 * @param lastError the last error of the step
 * @param expiredAt the Unix timestamp (in seconds) when the step expired
 * @param cancelledAt the Unix timestamp (in seconds) when the step was cancelled
 * @param failedAt the Unix timestamp (in seconds) when the step failed
 * @param completedAt the Unix timestamp (in seconds) when the step completed
 * @param metadata up to 16 key-value pairs attached to the object
 * @param usage the token usage, once the step is in a terminal state
 */
public record RunStepObject(String id, String object, @JsonProperty("created_at") long createdAt,
		@JsonProperty("assistant_id") String assistantId, @JsonProperty("thread_id") String threadId,
		@JsonProperty("run_id") String runId, RunStepType type, RunStepStatus status,
		@JsonProperty("step_details") RunStepDetails stepDetails,
		@JsonProperty("last_error") @Nullable LastError lastError,
		@JsonProperty("expired_at") @Nullable Long expiredAt,
		@JsonProperty("cancelled_at") @Nullable Long cancelledAt, @JsonProperty("failed_at") @Nullable Long failedAt,
		@JsonProperty("completed_at") @Nullable Long completedAt, @Nullable Map<String, String> metadata,
		@Nullable RunCompletionUsage usage) {

	/**
	 * A copy of this step with the given details, as a stream's deltas build them up.
	 * @param stepDetails the new details
	 * @return the new step
	 */
	public RunStepObject withStepDetails(RunStepDetails stepDetails) {
		return new RunStepObject(this.id, this.object, this.createdAt, this.assistantId, this.threadId, this.runId,
				this.type, this.status, stepDetails, this.lastError, this.expiredAt, this.cancelledAt, this.failedAt,
				this.completedAt, this.metadata, this.usage);
	}

	/**
	 * The chunks the step's {@code file_search} calls found, in the order of the calls. A server
	 * sends their text only when asked, with
	 * {@code include[]=step_details.tool_calls[*].file_search.results[*].content}.
	 * @return the results, empty for a step that searched nothing
	 */
	public List<RunStepDetailsToolCallsFileSearchResultObject> fileSearchResults() {
		if (!(this.stepDetails instanceof RunStepDetailsToolCallsObject toolCalls)) {
			return List.of();
		}
		return toolCalls.toolCalls()
			.stream()
			.filter(RunStepDetailsToolCallsFileSearchObject.class::isInstance)
			.map((call) -> ((RunStepDetailsToolCallsFileSearchObject) call).fileSearch().results())
			.filter(Objects::nonNull)
			.flatMap(List::stream)
			.toList();
	}

}
