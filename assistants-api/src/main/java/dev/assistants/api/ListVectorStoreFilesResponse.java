package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A page of vector store files ({@code ListVectorStoreFilesResponse}).
 *
 * @param object the object type, {@code list}
 * @param data the vector store files of this page
 * @param firstId the ID of the first object of this page
 * @param lastId the ID of the last object of this page
 * @param hasMore whether more vector store files follow this page
 */
public record ListVectorStoreFilesResponse(String object, List<VectorStoreFileObject> data, @JsonProperty("first_id") @Nullable String firstId,
		@JsonProperty("last_id") @Nullable String lastId, @JsonProperty("has_more") boolean hasMore)
		implements ListResponse<VectorStoreFileObject> {

}
