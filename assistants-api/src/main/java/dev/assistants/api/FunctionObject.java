package dev.assistants.api;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A function the model may call ({@code FunctionObject}).
 *
 * @param description what the function does, used by the model to choose when to call it
 * @param name the name of the function
 * @param parameters the parameters as a JSON Schema object ({@code FunctionParameters})
 * @param strict whether the model must follow the schema exactly
 */
public record FunctionObject(@Nullable String description, String name, @Nullable Map<String, Object> parameters,
		@Nullable Boolean strict) {

	/**
	 * Create a function definition.
	 * @param name the name of the function
	 * @param description what the function does
	 * @param parameters the parameters as a JSON Schema object
	 * @return the function
	 */
	public static FunctionObject of(String name, String description, Map<String, Object> parameters) {
		return new FunctionObject(description, name, parameters, null);
	}

}
