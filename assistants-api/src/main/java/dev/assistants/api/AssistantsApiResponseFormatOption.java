package dev.assistants.api;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The format the model must output ({@code AssistantsApiResponseFormatOption}): the string
 * {@code "auto"} ({@link #AUTO}) or an object: {@link ResponseFormatText},
 * {@link ResponseFormatJsonObject} or {@link ResponseFormatJsonSchema}. Anything else becomes an
 * {@link UnknownVariant}.
 */
@JsonDeserialize(using = AssistantsApiResponseFormatOption.Deserializer.class)
public sealed interface AssistantsApiResponseFormatOption
		permits ResponseFormatAuto, ResponseFormatText, ResponseFormatJsonObject, ResponseFormatJsonSchema,
		UnknownVariant {

	/** The string {@code "auto"}: the default format of the model. */
	ResponseFormatAuto AUTO = ResponseFormatAuto.AUTO;

	/**
	 * Reads the string or the object form.
	 */
	final class Deserializer extends ValueDeserializer<AssistantsApiResponseFormatOption> {

		@Override
		public AssistantsApiResponseFormatOption deserialize(JsonParser parser, DeserializationContext context) {
			JsonNode node = context.readTree(parser);
			if (node.isString() && AUTO.value().equals(node.stringValue())) {
				return AUTO;
			}
			Class<? extends AssistantsApiResponseFormatOption> variant = switch (node.path("type").stringValue("")) {
				case "text" -> ResponseFormatText.class;
				case "json_object" -> ResponseFormatJsonObject.class;
				case "json_schema" -> ResponseFormatJsonSchema.class;
				default -> null;
			};
			return (variant != null) ? context.readTreeAsValue(node, variant) : new UnknownVariant(node);
		}

	}

}
