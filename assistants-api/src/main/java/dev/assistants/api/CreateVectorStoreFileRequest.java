package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Request to add a file to a vector store ({@code CreateVectorStoreFileRequest}), also one file
 * of a batch.
 *
 * @param fileId the file
 * @param chunkingStrategy how it is chunked; {@code auto} if not set
 * @param attributes attributes to filter searches by: up to 16, keys up to 64 characters, values
 * strings up to 512 characters, numbers or booleans
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateVectorStoreFileRequest(@JsonProperty("file_id") String fileId,
		@JsonProperty("chunking_strategy") @Nullable ChunkingStrategy chunkingStrategy,
		@Nullable Map<String, Object> attributes) {

	public CreateVectorStoreFileRequest {
		Assert.notNull(fileId, "file_id must not be null");
		RequestChecks.attributes(attributes);
	}

	/**
	 * Add a file with the {@code auto} chunking strategy and no attributes.
	 * @param fileId the file
	 * @return the request
	 */
	public static CreateVectorStoreFileRequest of(String fileId) {
		return new CreateVectorStoreFileRequest(fileId, null, null);
	}

}
