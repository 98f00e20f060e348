package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An upload in parts ({@code Upload}): created with its total size, filled by parts of up to 64 MB,
 * then completed into a {@link OpenAIFile}.
 *
 * @param id the ID, to add parts to
 * @param createdAt when the upload was created, in Unix seconds
 * @param filename the name of the file to create
 * @param bytes the size of the file in bytes
 * @param purpose what the file is for
 * @param status whether it is pending, completed, cancelled or expired
 * @param expiresAt when a pending upload expires, in Unix seconds
 * @param object the object type, always {@code upload}
 * @param file the file created by completing the upload, else {@code null}
 */
public record Upload(String id, @JsonProperty("created_at") long createdAt, String filename, long bytes,
		FilePurpose purpose, UploadStatus status, @JsonProperty("expires_at") long expiresAt,
		@Nullable String object, @Nullable OpenAIFile file) {

}
