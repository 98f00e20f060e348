package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Request to create a thread and run it in one call ({@code CreateThreadAndRunRequest}).
 * <p>
 * Build one with {@link #builder(String)}; unset fields are not sent.
 *
 * @param assistantId the ID of the assistant to run
 * @param thread the thread to create
 * @param model the model, overriding the assistant's
 * @param instructions the instructions, overriding the assistant's
 * @param tools the tools
 * @param toolResources the resources used by the tools
 * @param metadata the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters
 * @param temperature the sampling temperature, 0 to 2
 * @param topP the nucleus sampling probability mass, 0 to 1
 * @param stream whether the run is streamed as server-sent events; left unset by the builder, as {@code AssistantsOperations} answers with a single object
 * @param maxPromptTokens the maximum number of prompt tokens, at least 256
 * @param maxCompletionTokens the maximum number of completion tokens, at least 256
 * @param truncationStrategy how the thread is truncated before the run
 * @param toolChoice which tool the model calls
 * @param parallelToolCalls whether parallel function calling is enabled (the server's default is true)
 * @param responseFormat the format the model must output
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateThreadAndRunRequest(@JsonProperty("assistant_id") String assistantId,
		@Nullable CreateThreadRequest thread,
		@Nullable String model,
		@Nullable String instructions,
		@Nullable List<AssistantTool> tools,
		@JsonProperty("tool_resources") @Nullable ToolResources toolResources,
		@Nullable Map<String, String> metadata,
		@Nullable Double temperature,
		@JsonProperty("top_p") @Nullable Double topP,
		@Nullable Boolean stream,
		@JsonProperty("max_prompt_tokens") @Nullable Integer maxPromptTokens,
		@JsonProperty("max_completion_tokens") @Nullable Integer maxCompletionTokens,
		@JsonProperty("truncation_strategy") @Nullable TruncationObject truncationStrategy,
		@JsonProperty("tool_choice") @Nullable AssistantsApiToolChoiceOption toolChoice,
		@JsonProperty("parallel_tool_calls") @Nullable Boolean parallelToolCalls,
		@JsonProperty("response_format") @Nullable AssistantsApiResponseFormatOption responseFormat) {

	public CreateThreadAndRunRequest {
		Assert.hasText(assistantId, "assistant_id must not be blank");
		RequestChecks.run(tools, metadata, temperature, topP, maxPromptTokens, maxCompletionTokens,
				truncationStrategy);
		RequestChecks.toolResources(toolResources);
	}

	/**
	 * Start a request with its required fields.
	 * @param assistantId the ID of the assistant to run
	 * @return a new builder
	 */
	public static Builder builder(String assistantId) {
		return new Builder(assistantId);
	}

	/**
	 * Builder of {@link CreateThreadAndRunRequest}.
	 */
	public static final class Builder extends AbstractRunBuilder<Builder> {

		private final String assistantId;

		private @Nullable CreateThreadRequest thread;

		private @Nullable ToolResources toolResources;

		private Builder(String assistantId) {
			this.assistantId = assistantId;
		}

		/**
		 * Set the thread to create.
		 * @param thread the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder thread(@Nullable CreateThreadRequest thread) {
			this.thread = thread;
			return this;
		}

		/**
		 * Set the resources used by the tools.
		 * @param toolResources the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder toolResources(@Nullable ToolResources toolResources) {
			this.toolResources = toolResources;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public CreateThreadAndRunRequest build() {
			return new CreateThreadAndRunRequest(this.assistantId,
					this.thread,
					this.model,
					this.instructions,
					this.tools,
					this.toolResources,
					this.metadata,
					this.temperature,
					this.topP,
					null,
					this.maxPromptTokens,
					this.maxCompletionTokens,
					this.truncationStrategy,
					this.toolChoice,
					this.parallelToolCalls,
					this.responseFormat);
		}

	}

}
