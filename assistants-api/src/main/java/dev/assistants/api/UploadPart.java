package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A part added to an upload ({@code UploadPart}).
 *
 * @param id the ID, to list in {@code part_ids} when the upload is completed
 * @param createdAt when the part was added, in Unix seconds
 * @param uploadId the upload it belongs to
 * @param object the object type, always {@code upload.part}
 */
public record UploadPart(String id, @JsonProperty("created_at") long createdAt,
		@JsonProperty("upload_id") String uploadId, String object) {

}
