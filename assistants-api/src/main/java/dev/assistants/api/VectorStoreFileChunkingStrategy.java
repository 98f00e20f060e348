package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How a file of a vector store was chunked ({@code VectorStoreFileObject.chunking_strategy}):
 * {@code static} with its sizes, or {@code other} for files chunked before strategies existed.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(StaticChunkingStrategyResponseParam.class),
		@JsonSubTypes.Type(OtherChunkingStrategyResponseParam.class)
})
public sealed interface VectorStoreFileChunkingStrategy
		permits StaticChunkingStrategyResponseParam, OtherChunkingStrategyResponseParam, UnknownVariant {

}
