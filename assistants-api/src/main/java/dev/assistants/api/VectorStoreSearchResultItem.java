package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A chunk a search found ({@code VectorStoreSearchResultItem}).
 *
 * @param fileId the file it comes from
 * @param filename the file's name
 * @param score how well it matches the query, 0 to 1
 * @param attributes the file's attributes
 * @param content the chunk's text
 */
public record VectorStoreSearchResultItem(@JsonProperty("file_id") String fileId, String filename, double score,
		@Nullable Map<String, Object> attributes, List<VectorStoreContent> content) {

}
