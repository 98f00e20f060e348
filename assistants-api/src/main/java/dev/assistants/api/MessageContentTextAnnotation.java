package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An annotation of message text: a file citation or a file path.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(MessageContentTextAnnotationsFileCitationObject.class),
		@JsonSubTypes.Type(MessageContentTextAnnotationsFilePathObject.class)
})
public sealed interface MessageContentTextAnnotation permits MessageContentTextAnnotationsFileCitationObject, MessageContentTextAnnotationsFilePathObject, UnknownVariant {

}
