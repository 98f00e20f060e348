package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A chunking strategy with fixed sizes ({@code {"type": "static"}}).
 *
 * @param staticSettings the chunk sizes (the {@code static} property)
 */
@JsonTypeName("static")
public record StaticChunkingStrategyRequestParam(@JsonProperty("static") Static staticSettings)
		implements ChunkingStrategy {

	/**
	 * Chunk sizes.
	 *
	 * @param maxChunkSizeTokens the maximum number of tokens in each chunk, 100 to 4096
	 * @param chunkOverlapTokens the number of tokens that overlap between chunks, at most half of
	 * {@code maxChunkSizeTokens}
	 */
	public record Static(@JsonProperty("max_chunk_size_tokens") int maxChunkSizeTokens,
			@JsonProperty("chunk_overlap_tokens") int chunkOverlapTokens) {

		public Static {
			RequestChecks.range("max_chunk_size_tokens", maxChunkSizeTokens, 100, 4096);
			RequestChecks.range("chunk_overlap_tokens", chunkOverlapTokens, 0, maxChunkSizeTokens / 2);
		}

	}

}
