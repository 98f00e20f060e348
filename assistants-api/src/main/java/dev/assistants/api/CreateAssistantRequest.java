package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Request to create an assistant ({@code CreateAssistantRequest}).
 * <p>
 * Build one with {@link #builder(String)}; unset fields are not sent.
 *
 * @param model the ID of the model to use
 * @param name the name, at most 256 characters
 * @param description the description, at most 512 characters
 * @param instructions the system instructions, at most 256,000 characters
 * @param reasoningEffort the reasoning effort, for reasoning models
 * @param tools the tools
 * @param toolResources the resources used by the tools, possibly creating a vector store
 * @param metadata the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters
 * @param temperature the sampling temperature, 0 to 2
 * @param topP the nucleus sampling probability mass, 0 to 1
 * @param responseFormat the format the model must output
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateAssistantRequest(String model,
		@Nullable String name,
		@Nullable String description,
		@Nullable String instructions,
		@JsonProperty("reasoning_effort") @Nullable ReasoningEffort reasoningEffort,
		@Nullable List<AssistantTool> tools,
		@JsonProperty("tool_resources") @Nullable CreateToolResources toolResources,
		@Nullable Map<String, String> metadata,
		@Nullable Double temperature,
		@JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("response_format") @Nullable AssistantsApiResponseFormatOption responseFormat) {

	public CreateAssistantRequest {
		Assert.hasText(model, "model must not be blank");
		RequestChecks.assistant(name, description, instructions, tools, metadata, temperature, topP);
	}

	/**
	 * Start a request with its required fields.
	 * @param model the ID of the model to use
	 * @return a new builder
	 */
	public static Builder builder(String model) {
		return new Builder(model);
	}

	/**
	 * Builder of {@link CreateAssistantRequest}.
	 */
	public static final class Builder extends AbstractAssistantBuilder<Builder, CreateToolResources> {

		private final String model;

		private Builder(String model) {
			this.model = model;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public CreateAssistantRequest build() {
			return new CreateAssistantRequest(this.model,
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
