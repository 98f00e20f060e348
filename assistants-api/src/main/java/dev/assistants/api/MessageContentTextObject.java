package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Text in message content ({@code MessageContentTextObject}).
 *
 * @param text the text and its annotations
 */
@JsonTypeName("text")
public record MessageContentTextObject(Text text) implements MessageContent {

	/**
	 * Text and its annotations.
	 *
	 * @param value the text
	 * @param annotations the annotations of the text
	 */
	public record Text(String value, List<MessageContentTextAnnotation> annotations) {
	}

}
