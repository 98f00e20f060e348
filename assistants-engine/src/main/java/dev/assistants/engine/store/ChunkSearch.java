package dev.assistants.engine.store;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A search of the chunks of vector stores: by keywords, and by nearness to a vector when it has
 * one.
 *
 * @param project the project of the caller
 * @param vectorStoreIds the vector stores searched
 * @param fileIds only chunks of these files, or {@code null} for any
 * @param text the query, for keyword search
 * @param model the embedding model of the vector, or {@code null} for keyword search only
 * @param vector the query's embedding, or {@code null}
 * @param limit the most chunks each of keyword and vector search finds
 */
public record ChunkSearch(String project, List<String> vectorStoreIds, @Nullable Set<String> fileIds, String text,
		@Nullable String model, float @Nullable [] vector, int limit) {

	public ChunkSearch {
		Objects.requireNonNull(project, "project must not be null");
		vectorStoreIds = List.copyOf(vectorStoreIds);
		fileIds = (fileIds != null) ? Set.copyOf(fileIds) : null;
		Objects.requireNonNull(text, "text must not be null");
		if ((model == null) != (vector == null)) {
			throw new IllegalArgumentException("a search has both a model and a vector, or neither");
		}
	}

}
