package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A file whose chunking is not known, such as one chunked before strategies existed
 * ({@code {"type": "other"}}).
 */
@JsonTypeName("other")
public record OtherChunkingStrategyResponseParam() implements VectorStoreFileChunkingStrategy {

}
