package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Text content part of a new message ({@code MessageRequestContentTextObject}).
 *
 * @param text the text
 */
@JsonTypeName("text")
public record MessageRequestContentTextObject(String text) implements MessageContentPart {

}
