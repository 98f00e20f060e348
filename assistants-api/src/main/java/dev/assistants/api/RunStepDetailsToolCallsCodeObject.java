package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A code interpreter tool call ({@code RunStepDetailsToolCallsCodeObject}).
 *
 * @param id the ID of the tool call
 * @param codeInterpreter the code run and its outputs
 */
@JsonTypeName("code_interpreter")
public record RunStepDetailsToolCallsCodeObject(String id,
		@JsonProperty("code_interpreter") CodeInterpreter codeInterpreter) implements RunStepDetailsToolCall {

	/**
	 * The code run and its outputs.
	 *
	 * @param input the input code
	 * @param outputs the outputs: logs or images
	 */
	public record CodeInterpreter(String input, List<RunStepDetailsToolCallsCodeOutput> outputs) {
	}

}
