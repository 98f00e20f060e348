package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The text of a file as its vector store holds it, chunk by chunk
 * ({@code VectorStoreFileContentResponse}).
 *
 * @param object the object type, always {@code vector_store.file_content.page}
 * @param data the file's chunks, in order
 * @param hasMore whether more follow
 * @param nextPage the token of the next page, or {@code null}
 */
public record VectorStoreFileContentResponse(String object, List<VectorStoreContent> data,
		@JsonProperty("has_more") boolean hasMore, @JsonProperty("next_page") @Nullable String nextPage) {

}
