package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * Image output of a code interpreter call, in a run step delta
 * ({@code RunStepDeltaStepDetailsToolCallsCodeOutputImageObject}).
 *
 * @param index the position of the output
 * @param image the image file
 */
@JsonTypeName("image")
public record RunStepDeltaStepDetailsToolCallsCodeOutputImageObject(int index,
		RunStepDetailsToolCallsCodeOutputImageObject.@Nullable Image image)
		implements RunStepDeltaStepDetailsToolCallsCodeOutput {

}
