package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Request to create a vector store ({@code CreateVectorStoreRequest}).
 *
 * @param fileIds the files the vector store starts with, at most 500
 * @param name its name
 * @param description what it is for
 * @param expiresAfter when it expires
 * @param chunkingStrategy how its first files are chunked; {@code auto} if not set
 * @param metadata the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateVectorStoreRequest(@JsonProperty("file_ids") @Nullable List<String> fileIds,
		@Nullable String name, @Nullable String description,
		@JsonProperty("expires_after") @Nullable VectorStoreExpirationAfter expiresAfter,
		@JsonProperty("chunking_strategy") @Nullable ChunkingStrategy chunkingStrategy,
		@Nullable Map<String, String> metadata) {

	public CreateVectorStoreRequest {
		RequestChecks.maxSize("file_ids", fileIds, 500);
		RequestChecks.metadata(metadata);
	}

	/**
	 * Create an empty vector store with a name.
	 * @param name its name
	 * @return the request
	 */
	public static CreateVectorStoreRequest named(String name) {
		return new CreateVectorStoreRequest(null, name, null, null, null, null);
	}

}
