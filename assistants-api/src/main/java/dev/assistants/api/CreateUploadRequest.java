package dev.assistants.api;


import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Request to start an upload of a file in parts ({@code CreateUploadRequest}).
 *
 * @param filename the name of the file
 * @param purpose what the file is for: {@code assistants}, {@code batch}, {@code fine-tune} or
 * {@code vision}
 * @param bytes the number of bytes the parts will add up to
 * @param mimeType the file's MIME type
 * @param expiresAfter when the file expires, if it should
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateUploadRequest(String filename, String purpose, Long bytes,
		@JsonProperty("mime_type") String mimeType,
		@JsonProperty("expires_after") @Nullable FileExpirationAfter expiresAfter) {

	public CreateUploadRequest {
		Assert.notNull(filename, "filename must not be null");
		Assert.notNull(purpose, "purpose must not be null");
		Assert.notNull(mimeType, "mime_type must not be null");
		Assert.notNull(bytes, "bytes must not be null");
		if (bytes < 0) {
			throw new IllegalArgumentException("bytes must not be negative but was " + bytes);
		}
	}

}
