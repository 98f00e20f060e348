package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A content part of a {@code CreateMessageRequest}: image file, image URL or text.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(MessageContentImageFileObject.class),
		@JsonSubTypes.Type(MessageContentImageUrlObject.class),
		@JsonSubTypes.Type(MessageRequestContentTextObject.class)
})
public sealed interface MessageContentPart permits MessageContentImageFileObject, MessageContentImageUrlObject, MessageRequestContentTextObject, UnknownVariant {

}
