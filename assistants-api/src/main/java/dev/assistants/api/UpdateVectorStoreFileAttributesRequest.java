package dev.assistants.api;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Request to replace the attributes of a file in a vector store
 * ({@code UpdateVectorStoreFileAttributesRequest}).
 *
 * @param attributes the attributes, or {@code null} for none: up to 16, keys up to 64 characters,
 * values strings up to 512 characters, numbers or booleans
 */
public record UpdateVectorStoreFileAttributesRequest(@Nullable Map<String, Object> attributes) {

	public UpdateVectorStoreFileAttributesRequest {
		RequestChecks.attributes(attributes);
	}

}
