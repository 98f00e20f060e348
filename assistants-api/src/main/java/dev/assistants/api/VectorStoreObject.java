package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A vector store: files chunked, embedded and indexed for the {@code file_search} tool
 * ({@code VectorStoreObject}).
 *
 * @param id the ID
 * @param object the object type, always {@code vector_store}
 * @param createdAt when it was created, in Unix seconds
 * @param name its name
 * @param usageBytes the bytes its files take
 * @param fileCounts how many of its files are in each state
 * @param status {@code completed} once no file is in progress; {@code expired} once it expired
 * @param expiresAfter its expiration policy, or {@code null} if it never expires
 * @param expiresAt when it expires, in Unix seconds, or {@code null}
 * @param lastActiveAt when it was last used, in Unix seconds, or {@code null}
 * @param metadata up to 16 key-value pairs attached to it
 */
public record VectorStoreObject(String id, String object, @JsonProperty("created_at") long createdAt,
		@Nullable String name, @JsonProperty("usage_bytes") @Nullable Long usageBytes,
		@JsonProperty("file_counts") VectorStoreFileCounts fileCounts, VectorStoreStatus status,
		@JsonProperty("expires_after") @Nullable VectorStoreExpirationAfter expiresAfter,
		@JsonProperty("expires_at") @Nullable Long expiresAt,
		@JsonProperty("last_active_at") @Nullable Long lastActiveAt, @Nullable Map<String, String> metadata) {

}
