package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A file search tool call ({@code RunStepDetailsToolCallsFileSearchObject}).
 *
 * @param id the ID of the tool call
 * @param fileSearch the ranking options and results of the search
 */
@JsonTypeName("file_search")
public record RunStepDetailsToolCallsFileSearchObject(String id,
		@JsonProperty("file_search") FileSearch fileSearch) implements RunStepDetailsToolCall {

	/**
	 * The ranking options and results of the search.
	 *
	 * @param rankingOptions the ranking options used
	 * @param results the results
	 */
	public record FileSearch(
			@JsonProperty("ranking_options") @Nullable RunStepDetailsToolCallsFileSearchRankingOptionsObject rankingOptions,
			@Nullable List<RunStepDetailsToolCallsFileSearchResultObject> results) {
	}

}
