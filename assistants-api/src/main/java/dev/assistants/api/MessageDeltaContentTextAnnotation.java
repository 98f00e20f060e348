package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A change to one annotation of message text.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(MessageDeltaContentTextAnnotationsFileCitationObject.class),
		@JsonSubTypes.Type(MessageDeltaContentTextAnnotationsFilePathObject.class)
})
public sealed interface MessageDeltaContentTextAnnotation permits MessageDeltaContentTextAnnotationsFileCitationObject, MessageDeltaContentTextAnnotationsFilePathObject, UnknownVariant {

	/**
	 * The position of the part this delta changes.
	 * @return the index
	 */
	int index();

}
