package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Ranking options of the file search tool ({@code FileSearchRankingOptions}).
 *
 * @param ranker the ranker to use
 * @param scoreThreshold the score threshold, 0 to 1
 */
public record FileSearchRankingOptions(@Nullable FileSearchRanker ranker,
		@JsonProperty("score_threshold") double scoreThreshold) {
}
