package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Resources made available to the tools of a new assistant or thread ({@code tool_resources} of
 * {@code CreateAssistantRequest} and {@code CreateThreadRequest}), which may create a vector store.
 *
 * @param codeInterpreter files for the code interpreter tool
 * @param fileSearch vector stores for the file search tool
 */
public record CreateToolResources(
		@JsonProperty("code_interpreter") ToolResources.@Nullable CodeInterpreter codeInterpreter,
		@JsonProperty("file_search") @Nullable FileSearch fileSearch) {

	public CreateToolResources {
		RequestChecks.codeInterpreterFiles(codeInterpreter);
	}

	/**
	 * The vector store made available to the file search tool: exactly one of the two is set.
	 *
	 * @param vectorStoreIds IDs of an existing vector store, at most 1
	 * @param vectorStores a vector store to create, at most 1
	 */
	public record FileSearch(@JsonProperty("vector_store_ids") @Nullable List<String> vectorStoreIds,
			@JsonProperty("vector_stores") @Nullable List<VectorStore> vectorStores) {

		public FileSearch {
			Assert.isTrue((vectorStoreIds == null) != (vectorStores == null),
					"tool_resources.file_search must have exactly one of vector_store_ids and vector_stores");
			RequestChecks.vectorStoreIds(vectorStoreIds);
			RequestChecks.maxSize("tool_resources.file_search.vector_stores", vectorStores, 1);
		}

	}

	/**
	 * A vector store to create with the assistant or thread.
	 *
	 * @param fileIds file IDs to add to the vector store
	 * @param chunkingStrategy how the files are chunked
	 * @param metadata key-value pairs attached to the vector store
	 */
	public record VectorStore(@JsonProperty("file_ids") @Nullable List<String> fileIds,
			@JsonProperty("chunking_strategy") @Nullable ChunkingStrategy chunkingStrategy,
			@Nullable Map<String, String> metadata) {

		public VectorStore {
			RequestChecks.maxSize("tool_resources.file_search.vector_stores.file_ids", fileIds, 100_000_000);
			RequestChecks.metadata(metadata);
		}

	}

}
