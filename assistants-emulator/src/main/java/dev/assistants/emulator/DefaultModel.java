package dev.assistants.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's deterministic "model": when the assistant has a function whose name's words all
 * appear in the user's last message, it calls that function, taking each argument from the message
 * (its last token with a digit, else its last word); after tool outputs, it reports them; otherwise
 * it echoes the user's message.
 */
final class DefaultModel {

	ModelTurn next(JsonNode assistantTools, String lastUserMessage, List<String> toolOutputs) {
		if (!toolOutputs.isEmpty()) {
			return ModelTurn.reply("Here is what I found: " + String.join("; ", toolOutputs));
		}
		String lower = lastUserMessage.toLowerCase(Locale.ROOT);
		for (JsonNode tool : assistantTools) {
			JsonNode function = tool.path("function");
			String name = function.path("name").asString("");
			if ("function".equals(tool.path("type").asString("")) && !name.isEmpty()
					&& Arrays.stream(name.toLowerCase(Locale.ROOT).split("[_\\-]")).allMatch(lower::contains)) {
				return ModelTurn.call(new ModelTurn.FunctionCall(name, arguments(function.path("parameters"),
						lastUserMessage)));
			}
		}
		return ModelTurn.reply("You said: " + lastUserMessage);
	}

	private static String arguments(JsonNode parameters, String message) {
		List<String> tokens = Arrays.stream(message.split("[^\\p{Alnum}_\\-]+")).filter((t) -> !t.isEmpty()).toList();
		List<String> withDigits = tokens.stream().filter((t) -> t.chars().anyMatch(Character::isDigit)).toList();
		String value = !withDigits.isEmpty() ? withDigits.get(withDigits.size() - 1)
				: (!tokens.isEmpty() ? tokens.get(tokens.size() - 1) : "");
		ObjectNode arguments = JsonNodeFactory.instance.objectNode();
		for (String name : parameters.path("properties").propertyNames()) {
			String type = parameters.path("properties").path(name).path("type").asString("string");
			if (("integer".equals(type) || "number".equals(type)) && value.matches("-?\\d+")) {
				arguments.put(name, Long.parseLong(value));
			}
			else {
				arguments.put(name, value);
			}
		}
		return arguments.toString();
	}

}
