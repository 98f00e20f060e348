package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * The file search tool ({@code AssistantToolsFileSearch}).
 *
 * @param fileSearch overrides for the file search tool
 */
@JsonTypeName("file_search")
public record AssistantToolsFileSearch(@JsonProperty("file_search") @Nullable FileSearch fileSearch)
		implements AssistantTool {

	/**
	 * Overrides for the file search tool.
	 *
	 * @param maxNumResults the maximum number of results, 1 to 50
	 * @param rankingOptions the ranking options
	 */
	public record FileSearch(@JsonProperty("max_num_results") @Nullable Integer maxNumResults,
			@JsonProperty("ranking_options") @Nullable FileSearchRankingOptions rankingOptions) {
	}

}
