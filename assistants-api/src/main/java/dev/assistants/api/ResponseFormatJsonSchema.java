package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Structured output that follows a JSON schema ({@code ResponseFormatJsonSchema}).
 *
 * @param jsonSchema the schema and its settings
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public record ResponseFormatJsonSchema(@JsonProperty("json_schema") JsonSchema jsonSchema)
		implements AssistantsApiResponseFormatOption, Typed {

	@Override
	public String type() {
		return "json_schema";
	}

	/**
	 * A named JSON schema.
	 *
	 * @param description what the format is for
	 * @param name the name of the format
	 * @param schema the JSON schema ({@code ResponseFormatJsonSchemaSchema})
	 * @param strict whether the output must follow the schema exactly
	 */
	public record JsonSchema(@Nullable String description, String name, @Nullable Map<String, Object> schema,
			@Nullable Boolean strict) {
	}

}
