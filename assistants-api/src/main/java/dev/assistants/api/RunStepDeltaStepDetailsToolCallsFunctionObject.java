package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A change to a function tool call ({@code RunStepDeltaStepDetailsToolCallsFunctionObject}).
 *
 * @param index the position of the tool call
 * @param id the ID of the tool call, in its first delta
 * @param function the name and the piece of arguments to append
 */
@JsonTypeName("function")
public record RunStepDeltaStepDetailsToolCallsFunctionObject(int index, @Nullable String id,
		@Nullable Function function) implements RunStepDeltaStepDetailsToolCall {

	/**
	 * The function's name and a piece of its arguments.
	 *
	 * @param name the name of the function, in its first delta
	 * @param arguments the piece of the arguments to append
	 * @param output the output, once submitted
	 */
	public record Function(@Nullable String name, @Nullable String arguments, @Nullable String output) {
	}

}
