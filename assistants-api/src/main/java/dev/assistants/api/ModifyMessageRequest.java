package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Request to modify a message ({@code ModifyMessageRequest}).
 *
 * @param metadata the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModifyMessageRequest(@Nullable Map<String, String> metadata) {

	public ModifyMessageRequest {
		RequestChecks.metadata(metadata);
	}

}
