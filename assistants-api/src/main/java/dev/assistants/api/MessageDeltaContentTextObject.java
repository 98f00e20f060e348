package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A piece of text in a message delta ({@code MessageDeltaContentTextObject}).
 *
 * @param index the position of the part
 * @param text the piece of text and new annotations
 */
@JsonTypeName("text")
public record MessageDeltaContentTextObject(int index, @Nullable Text text) implements MessageDeltaContent {

	/**
	 * A piece of text and new annotations.
	 *
	 * @param value the text to append
	 * @param annotations the annotations added or changed
	 */
	public record Text(@Nullable String value, @Nullable List<MessageDeltaContentTextAnnotation> annotations) {
	}

}
