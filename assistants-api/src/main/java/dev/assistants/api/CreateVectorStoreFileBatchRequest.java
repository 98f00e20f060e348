package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Request to add files to a vector store as one batch ({@code CreateVectorStoreFileBatchRequest}):
 * exactly one of {@code file_ids} (with the batch's {@code chunking_strategy} and
 * {@code attributes}) and {@code files} (each with its own), at most 2000.
 *
 * @param fileIds the files
 * @param files the files, each with its own settings
 * @param chunkingStrategy how the {@code file_ids} are chunked; {@code auto} if not set
 * @param attributes the attributes of each of the {@code file_ids}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateVectorStoreFileBatchRequest(@JsonProperty("file_ids") @Nullable List<String> fileIds,
		@Nullable List<CreateVectorStoreFileRequest> files,
		@JsonProperty("chunking_strategy") @Nullable ChunkingStrategy chunkingStrategy,
		@Nullable Map<String, Object> attributes) {

	/** The most files one batch adds. */
	public static final int MAX_FILES = 2000;

	public CreateVectorStoreFileBatchRequest {
		Assert.isTrue((fileIds == null) != (files == null), "exactly one of file_ids and files must be set");
		Assert.isTrue(fileIds == null || !fileIds.isEmpty(), "file_ids must not be empty");
		Assert.isTrue(files == null || !files.isEmpty(), "files must not be empty");
		RequestChecks.maxSize("file_ids", fileIds, MAX_FILES);
		RequestChecks.maxSize("files", files, MAX_FILES);
		RequestChecks.attributes(attributes);
	}

	/**
	 * Add files with the {@code auto} chunking strategy and no attributes.
	 * @param fileIds the files
	 * @return the request
	 */
	public static CreateVectorStoreFileBatchRequest ofFileIds(List<String> fileIds) {
		return new CreateVectorStoreFileBatchRequest(fileIds, null, null, null);
	}

}
