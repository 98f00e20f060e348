package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A citation of a file in message text ({@code MessageContentTextAnnotationsFileCitationObject}).
 *
 * @param text the text in the message content that is replaced
 * @param fileCitation the cited file
 * @param startIndex where the annotated text starts
 * @param endIndex where the annotated text ends
 */
@JsonTypeName("file_citation")
public record MessageContentTextAnnotationsFileCitationObject(String text,
		@JsonProperty("file_citation") FileCitation fileCitation, @JsonProperty("start_index") int startIndex,
		@JsonProperty("end_index") int endIndex) implements MessageContentTextAnnotation {

	/**
	 * The cited file.
	 *
	 * @param fileId the ID of the file
	 */
	public record FileCitation(@JsonProperty("file_id") String fileId) {
	}

}
