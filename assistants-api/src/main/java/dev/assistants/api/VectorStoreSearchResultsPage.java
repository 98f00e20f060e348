package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The results of searching a vector store ({@code VectorStoreSearchResultsPage}), best first.
 *
 * @param object the object type, always {@code vector_store.search_results.page}
 * @param searchQuery the queries the server searched for (a single string, as the specification's
 * own example shows it, is read as a list of one)
 * @param data the chunks found
 * @param hasMore whether more follow
 * @param nextPage the token of the next page, or {@code null}
 */
public record VectorStoreSearchResultsPage(String object, @JsonProperty("search_query") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> searchQuery,
		List<VectorStoreSearchResultItem> data, @JsonProperty("has_more") boolean hasMore,
		@JsonProperty("next_page") @Nullable String nextPage) {

}
