package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * An image URL in message content ({@code MessageContentImageUrlObject}).
 *
 * @param imageUrl the image URL
 */
@JsonTypeName("image_url")
public record MessageContentImageUrlObject(@JsonProperty("image_url") ImageUrl imageUrl)
		implements MessageContent, MessageContentPart {

	/**
	 * Reference an external image.
	 * @param url the URL of the image
	 * @return the content part
	 */
	public static MessageContentImageUrlObject of(String url) {
		return new MessageContentImageUrlObject(new ImageUrl(url, null));
	}

	/**
	 * An external image.
	 *
	 * @param url the URL of the image
	 * @param detail the detail level of the image
	 */
	public record ImageUrl(String url, @Nullable ImageDetail detail) {
	}

}
