package dev.assistants.api;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * JSON mode ({@code ResponseFormatJsonObject}, {@code {"type": "json_object"}}).
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public record ResponseFormatJsonObject() implements AssistantsApiResponseFormatOption, Typed {

	@Override
	public String type() {
		return "json_object";
	}

}
