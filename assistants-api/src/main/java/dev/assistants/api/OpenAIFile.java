package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A file uploaded to the API ({@code OpenAIFile}).
 *
 * @param id the ID, to pass where a {@code file_id} is asked for
 * @param object the object type, always {@code file}
 * @param bytes the size of the file in bytes
 * @param createdAt when the file was created, in Unix seconds
 * @param expiresAt when the file expires, in Unix seconds, or {@code null} if it does not
 * @param filename the name of the file
 * @param purpose what the file is for
 * @param status deprecated by the API: {@code uploaded}, {@code processed} or {@code error}
 * @param statusDetails deprecated by the API: why a file failed validation
 */
public record OpenAIFile(String id, String object, long bytes, @JsonProperty("created_at") long createdAt,
		@JsonProperty("expires_at") @Nullable Long expiresAt, String filename, FilePurpose purpose,
		@Nullable String status, @JsonProperty("status_details") @Nullable String statusDetails) {

}
