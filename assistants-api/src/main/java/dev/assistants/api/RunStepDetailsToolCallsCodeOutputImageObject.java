package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Image output of a code interpreter call ({@code RunStepDetailsToolCallsCodeOutputImageObject}).
 *
 * @param image the image file
 */
@JsonTypeName("image")
public record RunStepDetailsToolCallsCodeOutputImageObject(Image image) implements RunStepDetailsToolCallsCodeOutput {

	/**
	 * The image file.
	 *
	 * @param fileId the ID of the file
	 */
	public record Image(@JsonProperty("file_id") String fileId) {
	}

}
