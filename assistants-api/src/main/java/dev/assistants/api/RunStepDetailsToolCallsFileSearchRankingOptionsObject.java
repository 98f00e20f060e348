package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Ranking options used by a file search call ({@code RunStepDetailsToolCallsFileSearchRankingOptionsObject}).
 *
 * @param ranker the ranker used
 * @param scoreThreshold the score threshold, 0 to 1
 */
public record RunStepDetailsToolCallsFileSearchRankingOptionsObject(FileSearchRanker ranker,
		@JsonProperty("score_threshold") double scoreThreshold) {
}
