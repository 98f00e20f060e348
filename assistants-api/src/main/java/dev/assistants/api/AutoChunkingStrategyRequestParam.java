package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The default chunking strategy ({@code {"type": "auto"}}).
 */
@JsonTypeName("auto")
public record AutoChunkingStrategyRequestParam() implements ChunkingStrategy {

}
