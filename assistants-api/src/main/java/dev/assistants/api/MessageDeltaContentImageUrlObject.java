package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * An image URL part of a message delta ({@code MessageDeltaContentImageUrlObject}).
 *
 * @param index the position of the part
 * @param imageUrl the image URL
 */
@JsonTypeName("image_url")
public record MessageDeltaContentImageUrlObject(int index,
		@JsonProperty("image_url") MessageContentImageUrlObject.@Nullable ImageUrl imageUrl)
		implements MessageDeltaContent {

}
