package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Request to modify a vector store ({@code UpdateVectorStoreRequest}); fields not set are left as
 * they are.
 *
 * @param name its new name
 * @param expiresAfter when it expires from now on
 * @param metadata the new metadata: up to 16 key-value pairs, keys up to 64 and values up to 512
 * characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateVectorStoreRequest(@Nullable String name,
		@JsonProperty("expires_after") @Nullable VectorStoreExpirationAfter expiresAfter,
		@Nullable Map<String, String> metadata) {

	public UpdateVectorStoreRequest {
		RequestChecks.metadata(metadata);
	}

}
