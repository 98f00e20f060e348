package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A thread of messages ({@code ThreadObject}).
 *
 * @param id the identifier, which can be referenced in API endpoints
 * @param object the object type, always {@code thread}
 * @param createdAt the Unix timestamp (in seconds) of the creation
 * @param toolResources the resources made available to the assistant's tools in this thread
 * @param metadata up to 16 key-value pairs attached to the object
 */
public record ThreadObject(String id, String object, @JsonProperty("created_at") long createdAt,
		@JsonProperty("tool_resources") @Nullable ToolResources toolResources,
		@Nullable Map<String, String> metadata) {
}
