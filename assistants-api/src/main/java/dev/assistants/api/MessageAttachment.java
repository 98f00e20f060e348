package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to a message and the tools it is added to ({@code attachments[]}).
 *
 * @param fileId the ID of the file
 * @param tools the tools to add the file to
 */
public record MessageAttachment(@JsonProperty("file_id") @Nullable String fileId,
		@Nullable List<AttachmentTool> tools) {
}
