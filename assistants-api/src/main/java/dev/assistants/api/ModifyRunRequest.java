package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Request to modify a run ({@code ModifyRunRequest}).
 *
 * @param metadata the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModifyRunRequest(@Nullable Map<String, String> metadata) {

	public ModifyRunRequest {
		RequestChecks.metadata(metadata);
	}

}
