package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An assistant ({@code AssistantObject}).
 *
 * @param id the identifier, which can be referenced in API endpoints
 * @param object the object type, always {@code assistant}
 * @param createdAt the Unix timestamp (in seconds) of the creation
 * @param name the name of the assistant
 * @param description the description of the assistant
 * @param model the ID of the model used
 * @param instructions the system instructions the assistant uses
 * @param tools the tools enabled on the assistant
 * @param toolResources the resources used by the assistant's tools
 * @param metadata up to 16 key-value pairs attached to the object
 * @param temperature the sampling temperature, 0 to 2
 * @param topP the nucleus sampling probability mass, 0 to 1
 * @param responseFormat the format the model must output
 */
public record AssistantObject(String id, String object, @JsonProperty("created_at") long createdAt,
		@Nullable String name, @Nullable String description, String model, @Nullable String instructions,
		List<AssistantTool> tools, @JsonProperty("tool_resources") @Nullable ToolResources toolResources,
		@Nullable Map<String, String> metadata, @Nullable Double temperature,
		@JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("response_format") @Nullable AssistantsApiResponseFormatOption responseFormat) {
}
