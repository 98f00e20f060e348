package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A file path in a message delta ({@code MessageDeltaContentTextAnnotationsFilePathObject}).
 *
 * @param index the position of the annotation
 * @param text the text in the message content that is replaced
 * @param filePath the generated file
 * @param startIndex where the annotated text starts
 * @param endIndex where the annotated text ends
 */
@JsonTypeName("file_path")
public record MessageDeltaContentTextAnnotationsFilePathObject(int index, @Nullable String text,
		@JsonProperty("file_path") MessageContentTextAnnotationsFilePathObject.@Nullable FilePath filePath,
		@JsonProperty("start_index") @Nullable Integer startIndex,
		@JsonProperty("end_index") @Nullable Integer endIndex) implements MessageDeltaContentTextAnnotation {

}
