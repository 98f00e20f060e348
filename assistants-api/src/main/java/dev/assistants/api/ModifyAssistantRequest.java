package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Request to modify an assistant ({@code ModifyAssistantRequest}): only the fields set are changed.
 * <p>
 * Build one with {@link #builder()}; unset fields are not sent.
 *
 * @param model the ID of the model to use
 * @param name the name, at most 256 characters
 * @param description the description, at most 512 characters
 * @param instructions the system instructions, at most 256,000 characters
 * @param reasoningEffort the reasoning effort, for reasoning models
 * @param tools the tools
 * @param toolResources the resources used by the tools
 * @param metadata the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters
 * @param temperature the sampling temperature, 0 to 2
 * @param topP the nucleus sampling probability mass, 0 to 1
 * @param responseFormat the format the model must output
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModifyAssistantRequest(@Nullable String model,
		@Nullable String name,
		@Nullable String description,
		@Nullable String instructions,
		@JsonProperty("reasoning_effort") @Nullable ReasoningEffort reasoningEffort,
		@Nullable List<AssistantTool> tools,
		@JsonProperty("tool_resources") @Nullable ToolResources toolResources,
		@Nullable Map<String, String> metadata,
		@Nullable Double temperature,
		@JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("response_format") @Nullable AssistantsApiResponseFormatOption responseFormat) {

	public ModifyAssistantRequest {
		RequestChecks.assistant(name, description, instructions, tools, metadata, temperature, topP);
		RequestChecks.toolResources(toolResources);
	}

	/**
	 * Start a request; every field is optional.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builder of {@link ModifyAssistantRequest}.
	 */
	public static final class Builder extends AbstractAssistantBuilder<Builder, ToolResources> {

		private @Nullable String model;

		private Builder() {
		}

		/**
		 * Set the ID of the model to use.
		 * @param model the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public ModifyAssistantRequest build() {
			return new ModifyAssistantRequest(this.model,
					this.name,
					this.description,
					this.instructions,
					this.reasoningEffort,
					this.tools,
					this.toolResources,
					this.metadata,
					this.temperature,
					this.topP,
					this.responseFormat);
		}

	}

}
