package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * An image file part of a message delta ({@code MessageDeltaContentImageFileObject}).
 *
 * @param index the position of the part
 * @param imageFile the image file
 */
@JsonTypeName("image_file")
public record MessageDeltaContentImageFileObject(int index,
		@JsonProperty("image_file") MessageContentImageFileObject.@Nullable ImageFile imageFile)
		implements MessageDeltaContent {

}
