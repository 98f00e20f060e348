package dev.assistants.api;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Which tool the model calls ({@code AssistantsApiToolChoiceOption}): a {@link ToolChoiceMode}
 * string ({@code none}, {@code auto}, {@code required}) or an {@link AssistantsNamedToolChoice}
 * object.
 */
@JsonDeserialize(using = AssistantsApiToolChoiceOption.Deserializer.class)
public sealed interface AssistantsApiToolChoiceOption permits ToolChoiceMode, AssistantsNamedToolChoice {

	/**
	 * Force the model to call the named function.
	 * @param name the function's name
	 * @return the tool choice
	 */
	static AssistantsNamedToolChoice function(String name) {
		return new AssistantsNamedToolChoice(ToolType.FUNCTION, new AssistantsNamedToolChoice.Function(name));
	}

	/**
	 * Reads the string or the object form.
	 */
	final class Deserializer extends ValueDeserializer<AssistantsApiToolChoiceOption> {

		@Override
		public AssistantsApiToolChoiceOption deserialize(JsonParser parser, DeserializationContext context) {
			JsonNode node = context.readTree(parser);
			return node.isString() ? ToolChoiceMode.of(node.stringValue())
					: context.readTreeAsValue(node, AssistantsNamedToolChoice.class);
		}

	}

}
