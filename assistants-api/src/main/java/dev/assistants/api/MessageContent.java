package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A content part of a {@code MessageObject}: image file, image URL, text or refusal.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(MessageContentImageFileObject.class),
		@JsonSubTypes.Type(MessageContentImageUrlObject.class),
		@JsonSubTypes.Type(MessageContentTextObject.class),
		@JsonSubTypes.Type(MessageContentRefusalObject.class)
})
public sealed interface MessageContent permits MessageContentImageFileObject, MessageContentImageUrlObject, MessageContentTextObject, MessageContentRefusalObject, UnknownVariant {

}
