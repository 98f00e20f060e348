package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A file search tool call, in a run step delta ({@code RunStepDeltaStepDetailsToolCallsFileSearchObject}).
 *
 * @param index the position of the tool call
 * @param id the ID of the tool call
 * @param fileSearch the file search, an empty object for now
 */
@JsonTypeName("file_search")
public record RunStepDeltaStepDetailsToolCallsFileSearchObject(int index, @Nullable String id,
		@JsonProperty("file_search") @Nullable Map<String, Object> fileSearch)
		implements RunStepDeltaStepDetailsToolCall {

}
