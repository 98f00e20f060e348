package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Request to search a vector store ({@code VectorStoreSearchRequest}).
 *
 * @param query a query, or a list of queries
 * @param rewriteQuery whether to rewrite the query for vector search
 * @param maxNumResults the most results, 1 to 50; 10 if not set
 * @param filters a filter by the files' attributes
 * @param rankingOptions how results are ranked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VectorStoreSearchRequest(Object query, @JsonProperty("rewrite_query") @Nullable Boolean rewriteQuery,
		@JsonProperty("max_num_results") @Nullable Integer maxNumResults, @Nullable SearchFilter filters,
		@JsonProperty("ranking_options") @Nullable RankingOptions rankingOptions) {

	public VectorStoreSearchRequest {
		Assert.notNull(query, "query must not be null");
		if (query instanceof List<?> queries) {
			Assert.isTrue(!queries.isEmpty() && queries.stream().allMatch(String.class::isInstance),
					"query must be a string or a non-empty list of strings");
		}
		else {
			Assert.isTrue(query instanceof String, "query must be a string or a non-empty list of strings");
		}
		RequestChecks.range("max_num_results", maxNumResults, 1, 50);
	}

	/**
	 * How results are ranked.
	 *
	 * @param ranker {@code none}, {@code auto} or {@code default-2024-11-15}
	 * @param scoreThreshold the lowest score a result may have, 0 to 1
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record RankingOptions(@Nullable String ranker, @JsonProperty("score_threshold") @Nullable Double scoreThreshold) {

		/** The rankers the specification lists. */
		public static final List<String> RANKERS = List.of("none", "auto", "default-2024-11-15");

		public RankingOptions {
			Assert.isTrue(ranker == null || RANKERS.contains(ranker),
					() -> "ranking_options.ranker must be one of " + RANKERS + " but was '" + ranker + "'");
			RequestChecks.range("ranking_options.score_threshold", scoreThreshold, 0, 1);
		}

	}

	/**
	 * A search for one query with the server's defaults.
	 * @param query the query
	 * @return the request
	 */
	public static VectorStoreSearchRequest of(String query) {
		return new VectorStoreSearchRequest(query, null, null, null, null);
	}

}
