package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How files added to a new vector store are chunked: {@code auto} or {@code static}.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(AutoChunkingStrategyRequestParam.class),
		@JsonSubTypes.Type(StaticChunkingStrategyRequestParam.class)
})
public sealed interface ChunkingStrategy permits AutoChunkingStrategyRequestParam, StaticChunkingStrategyRequestParam, UnknownVariant {

}
