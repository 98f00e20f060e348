package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A function tool call ({@code RunStepDetailsToolCallsFunctionObject}).
 *
 * @param id the ID of the tool call
 * @param function the called function
 */
@JsonTypeName("function")
public record RunStepDetailsToolCallsFunctionObject(String id, Function function) implements RunStepDetailsToolCall {

	/**
	 * The called function.
	 *
	 * @param name the name of the function
	 * @param arguments the arguments passed, as JSON
	 * @param output the output submitted, {@code null} until it is submitted
	 */
	public record Function(String name, String arguments, @Nullable String output) {
	}

}
