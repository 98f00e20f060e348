package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A change to one content part of a message, in a {@code MessageDeltaObject}.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(MessageDeltaContentImageFileObject.class),
		@JsonSubTypes.Type(MessageDeltaContentTextObject.class),
		@JsonSubTypes.Type(MessageDeltaContentRefusalObject.class),
		@JsonSubTypes.Type(MessageDeltaContentImageUrlObject.class)
})
public sealed interface MessageDeltaContent permits MessageDeltaContentImageFileObject, MessageDeltaContentTextObject, MessageDeltaContentRefusalObject, MessageDeltaContentImageUrlObject, UnknownVariant {

	/**
	 * The position of the part this delta changes.
	 * @return the index
	 */
	int index();

}
