package dev.assistants.api;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A specific tool the model must use ({@code AssistantsNamedToolChoice}).
 *
 * @param type the type of the tool
 * @param function the function to call, when {@code type} is {@code function}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public record AssistantsNamedToolChoice(ToolType type, @Nullable Function function)
		implements AssistantsApiToolChoiceOption {

	/**
	 * The function to call.
	 *
	 * @param name the name of the function
	 */
	public record Function(String name) {
	}

}
