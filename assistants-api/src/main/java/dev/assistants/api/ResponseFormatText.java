package dev.assistants.api;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Plain text output ({@code ResponseFormatText}, {@code {"type": "text"}}).
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public record ResponseFormatText() implements AssistantsApiResponseFormatOption, Typed {

	@Override
	public String type() {
		return "text";
	}

}
