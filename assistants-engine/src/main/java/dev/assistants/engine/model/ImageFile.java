package dev.assistants.engine.model;

import java.util.Objects;

/**
 * The bytes of an image file a message shows ({@code image_file} parts), for a vision model.
 *
 * @param contentType the type it was uploaded with, such as {@code image/png}
 * @param content its bytes
 */
public record ImageFile(String contentType, byte[] content) {

	public ImageFile {
		Objects.requireNonNull(contentType, "contentType must not be null");
		Objects.requireNonNull(content, "content must not be null");
	}

}
