package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A file chunked with fixed sizes ({@code {"type": "static"}}).
 *
 * @param staticSettings the chunk sizes (the {@code static} property)
 */
@JsonTypeName("static")
public record StaticChunkingStrategyResponseParam(
		@JsonProperty("static") StaticChunkingStrategyRequestParam.Static staticSettings)
		implements VectorStoreFileChunkingStrategy {

}
