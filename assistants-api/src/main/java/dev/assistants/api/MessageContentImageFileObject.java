package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * An image file in message content ({@code MessageContentImageFileObject}).
 *
 * @param imageFile the image file
 */
@JsonTypeName("image_file")
public record MessageContentImageFileObject(@JsonProperty("image_file") ImageFile imageFile)
		implements MessageContent, MessageContentPart {

	/**
	 * Reference an uploaded image file.
	 * @param fileId the ID of the file
	 * @return the content part
	 */
	public static MessageContentImageFileObject of(String fileId) {
		return new MessageContentImageFileObject(new ImageFile(fileId, null));
	}

	/**
	 * An uploaded image file.
	 *
	 * @param fileId the ID of the file
	 * @param detail the detail level of the image
	 */
	public record ImageFile(@JsonProperty("file_id") String fileId, @Nullable ImageDetail detail) {
	}

}
