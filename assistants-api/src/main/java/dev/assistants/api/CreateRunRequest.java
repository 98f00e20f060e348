package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Request to create a run on a thread ({@code CreateRunRequest}).
 * <p>
 * Build one with {@link #builder(String)}; unset fields are not sent.
 *
 * @param assistantId the ID of the assistant to run
 * @param model the model, overriding the assistant's
 * @param reasoningEffort the reasoning effort, for reasoning models
 * @param instructions the instructions, overriding the assistant's
 * @param additionalInstructions instructions appended to the run's instructions
 * @param additionalMessages messages added to the thread before the run
 * @param tools the tools
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
public record CreateRunRequest(@JsonProperty("assistant_id") String assistantId,
		@Nullable String model,
		@JsonProperty("reasoning_effort") @Nullable ReasoningEffort reasoningEffort,
		@Nullable String instructions,
		@JsonProperty("additional_instructions") @Nullable String additionalInstructions,
		@JsonProperty("additional_messages") @Nullable List<CreateMessageRequest> additionalMessages,
		@Nullable List<AssistantTool> tools,
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

	public CreateRunRequest {
		Assert.hasText(assistantId, "assistant_id must not be blank");
		RequestChecks.run(tools, metadata, temperature, topP, maxPromptTokens, maxCompletionTokens,
				truncationStrategy);
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
	 * Builder of {@link CreateRunRequest}.
	 */
	public static final class Builder extends AbstractRunBuilder<Builder> {

		private final String assistantId;

		private @Nullable ReasoningEffort reasoningEffort;

		private @Nullable String additionalInstructions;

		private @Nullable List<CreateMessageRequest> additionalMessages;

		private Builder(String assistantId) {
			this.assistantId = assistantId;
		}

		/**
		 * Set the reasoning effort, for reasoning models.
		 * @param reasoningEffort the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder reasoningEffort(@Nullable ReasoningEffort reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Set instructions appended to the run's instructions.
		 * @param additionalInstructions the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder additionalInstructions(@Nullable String additionalInstructions) {
			this.additionalInstructions = additionalInstructions;
			return this;
		}

		/**
		 * Set messages added to the thread before the run.
		 * @param additionalMessages the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder additionalMessages(@Nullable List<CreateMessageRequest> additionalMessages) {
			this.additionalMessages = additionalMessages;
			return this;
		}

		/**
		 * Set messages added to the thread before the run.
		 * @param additionalMessages the values
		 * @return this builder
		 */
		public Builder additionalMessages(CreateMessageRequest... additionalMessages) {
			return additionalMessages(List.of(additionalMessages));
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public CreateRunRequest build() {
			return new CreateRunRequest(this.assistantId,
					this.model,
					this.reasoningEffort,
					this.instructions,
					this.additionalInstructions,
					this.additionalMessages,
					this.tools,
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
