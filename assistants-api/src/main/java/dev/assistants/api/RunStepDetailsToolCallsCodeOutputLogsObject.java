package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Text output of a code interpreter call ({@code RunStepDetailsToolCallsCodeOutputLogsObject}).
 *
 * @param logs the text output
 */
@JsonTypeName("logs")
public record RunStepDetailsToolCallsCodeOutputLogsObject(String logs) implements RunStepDetailsToolCallsCodeOutput {

}
