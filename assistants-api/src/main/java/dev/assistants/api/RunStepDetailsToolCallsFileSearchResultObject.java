package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A result of a file search call ({@code RunStepDetailsToolCallsFileSearchResultObject}).
 *
 * @param fileId the ID of the file
 * @param fileName the name of the file
 * @param score the score of the result, 0 to 1
 * @param content the content of the result, when requested with {@link RunStepInclude#FILE_SEARCH_RESULT_CONTENT}
 */
public record RunStepDetailsToolCallsFileSearchResultObject(@JsonProperty("file_id") String fileId,
		@JsonProperty("file_name") String fileName, double score, @Nullable List<Content> content) {

	/**
	 * A piece of the content of a result.
	 *
	 * @param type the type of the content ({@code text})
	 * @param text the text
	 */
	public record Content(@Nullable String type, @Nullable String text) {
	}

}
