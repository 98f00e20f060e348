package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How many files of a vector store or file batch are in each state
 * ({@code VectorStoreObject.file_counts}, {@code VectorStoreFileBatchObject.file_counts}).
 *
 * @param inProgress the files being processed
 * @param completed the files processed and searchable
 * @param failed the files that could not be processed
 * @param cancelled the files whose processing was cancelled
 * @param total all the files
 */
public record VectorStoreFileCounts(@JsonProperty("in_progress") int inProgress, int completed, int failed,
		int cancelled, int total) {

}
