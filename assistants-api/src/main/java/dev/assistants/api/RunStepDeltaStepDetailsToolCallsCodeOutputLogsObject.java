package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * Text output of a code interpreter call, in a run step delta
 * ({@code RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject}).
 *
 * @param index the position of the output
 * @param logs the text output
 */
@JsonTypeName("logs")
public record RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject(int index, @Nullable String logs)
		implements RunStepDeltaStepDetailsToolCallsCodeOutput {

}
