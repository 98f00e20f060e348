package dev.assistants.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A change to a code interpreter tool call ({@code RunStepDeltaStepDetailsToolCallsCodeObject}).
 *
 * @param index the position of the tool call
 * @param id the ID of the tool call, in its first delta
 * @param codeInterpreter the code to append and new outputs
 */
@JsonTypeName("code_interpreter")
public record RunStepDeltaStepDetailsToolCallsCodeObject(int index, @Nullable String id,
		@JsonProperty("code_interpreter") @Nullable CodeInterpreter codeInterpreter)
		implements RunStepDeltaStepDetailsToolCall {

	/**
	 * The code to append and new outputs.
	 *
	 * @param input the code to append
	 * @param outputs the new outputs
	 */
	public record CodeInterpreter(@Nullable String input,
			@Nullable List<RunStepDeltaStepDetailsToolCallsCodeOutput> outputs) {
	}

}
