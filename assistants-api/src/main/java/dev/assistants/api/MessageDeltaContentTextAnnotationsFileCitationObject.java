package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A file citation in a message delta ({@code MessageDeltaContentTextAnnotationsFileCitationObject}).
 *
 * @param index the position of the annotation
 * @param text the text in the message content that is replaced
 * @param fileCitation the cited file
 * @param startIndex where the annotated text starts
 * @param endIndex where the annotated text ends
 */
@JsonTypeName("file_citation")
public record MessageDeltaContentTextAnnotationsFileCitationObject(int index, @Nullable String text,
		@JsonProperty("file_citation") @Nullable FileCitation fileCitation,
		@JsonProperty("start_index") @Nullable Integer startIndex,
		@JsonProperty("end_index") @Nullable Integer endIndex) implements MessageDeltaContentTextAnnotation {

	/**
	 * The cited file.
	 *
	 * @param fileId the ID of the file
	 * @param quote the quote from the file
	 */
	public record FileCitation(@JsonProperty("file_id") @Nullable String fileId, @Nullable String quote) {
	}

}
