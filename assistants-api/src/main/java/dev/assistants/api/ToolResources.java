package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Resources made available to the tools of an assistant, thread or run ({@code tool_resources}).
 * To create a vector store along with a new assistant or thread, use {@link CreateToolResources}.
 *
 * @param codeInterpreter files for the code interpreter tool
 * @param fileSearch vector stores for the file search tool
 */
public record ToolResources(@JsonProperty("code_interpreter") @Nullable CodeInterpreter codeInterpreter,
		@JsonProperty("file_search") @Nullable FileSearch fileSearch) {

	/**
	 * Files made available to the code interpreter tool.
	 *
	 * @param fileIds file IDs, at most 20
	 */
	public record CodeInterpreter(@JsonProperty("file_ids") @Nullable List<String> fileIds) {
	}

	/**
	 * The vector store made available to the file search tool.
	 *
	 * @param vectorStoreIds IDs of the vector store, at most 1
	 */
	public record FileSearch(@JsonProperty("vector_store_ids") @Nullable List<String> vectorStoreIds) {
	}

}
