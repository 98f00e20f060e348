package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A file in a vector store ({@code VectorStoreFileObject}).
 *
 * @param id the ID of the file
 * @param object the object type, always {@code vector_store.file}
 * @param usageBytes the bytes its chunks take in the vector store
 * @param createdAt when it was added, in Unix seconds
 * @param vectorStoreId the vector store
 * @param status {@code completed} once it is searchable, {@code failed} with {@code lastError}
 * @param lastError why it failed, else {@code null}
 * @param chunkingStrategy how it was chunked
 * @param attributes its attributes, which searches filter by
 */
public record VectorStoreFileObject(String id, String object, @JsonProperty("usage_bytes") @Nullable Long usageBytes,
		@JsonProperty("created_at") long createdAt, @JsonProperty("vector_store_id") String vectorStoreId,
		VectorStoreFileStatus status, @JsonProperty("last_error") @Nullable VectorStoreFileError lastError,
		@JsonProperty("chunking_strategy") @Nullable VectorStoreFileChunkingStrategy chunkingStrategy,
		@Nullable Map<String, Object> attributes) {

}
