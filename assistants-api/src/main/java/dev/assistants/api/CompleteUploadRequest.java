package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Request to complete an upload ({@code CompleteUploadRequest}): its parts, in the order of the file.
 *
 * @param partIds the parts' IDs, in order
 * @param md5 the MD5 of the whole file, hex, to check the bytes against
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteUploadRequest(@JsonProperty("part_ids") List<String> partIds, @Nullable String md5) {

	public CompleteUploadRequest {
		Assert.notNull(partIds, "part_ids must not be null");
		partIds = List.copyOf(partIds);
	}

}
