package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Files added to a vector store together ({@code VectorStoreFileBatchObject}).
 *
 * @param id the ID
 * @param object the object type, always {@code vector_store.files_batch}
 * @param createdAt when it was created, in Unix seconds
 * @param vectorStoreId the vector store
 * @param status {@code completed} once no file of the batch is in progress, or {@code cancelled}
 * @param fileCounts how many of its files are in each state
 */
public record VectorStoreFileBatchObject(String id, String object, @JsonProperty("created_at") long createdAt,
		@JsonProperty("vector_store_id") String vectorStoreId, VectorStoreFileStatus status,
		@JsonProperty("file_counts") VectorStoreFileCounts fileCounts) {

}
