package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A union value of a kind this client does not know, for example a tool type or content part
 * introduced by a newer or non-standard server. The raw JSON is kept unchanged and is written back
 * as it was read.
 *
 * @param json the value as the server sent it
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonSerialize(using = UnknownVariant.Writer.class)
public record UnknownVariant(JsonNode json) implements AssistantTool, AttachmentTool, MessageContent,
		MessageContentPart, MessageContentTextAnnotation, RunStepDetails, RunStepDetailsToolCall,
		RunStepDetailsToolCallsCodeOutput, ChunkingStrategy, AssistantsApiResponseFormatOption, MessageDeltaContent,
		MessageDeltaContentTextAnnotation, RunStepDeltaStepDetails, RunStepDeltaStepDetailsToolCall,
		RunStepDeltaStepDetailsToolCallsCodeOutput, SearchFilter, VectorStoreFileChunkingStrategy {

	/**
	 * Create an instance holding the given JSON.
	 * @param json the raw JSON value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public UnknownVariant {
	}

	/**
	 * The value's {@code type} property, if it is an object that has one.
	 * @return the type name or {@code null}
	 */
	public @Nullable String type() {
		JsonNode type = this.json.get("type");
		return (type != null && type.isString()) ? type.stringValue() : null;
	}

	/**
	 * The value's {@code index} property, for an unknown part of a delta.
	 * @return the index, or -1 if there is none
	 */
	@Override
	public int index() {
		JsonNode index = this.json.get("index");
		return (index != null && index.isInt()) ? index.intValue() : -1;
	}

	/**
	 * Writes the JSON as it was read, also where the declared type is a union whose type id the
	 * JSON already holds (its {@code type} property), instead of wrapping it in a type id.
	 */
	static final class Writer extends ValueSerializer<UnknownVariant> {

		@Override
		public void serialize(UnknownVariant value, JsonGenerator generator, SerializationContext context) {
			context.writeValue(generator, value.json());
		}

		@Override
		public void serializeWithType(UnknownVariant value, JsonGenerator generator, SerializationContext context,
				TypeSerializer typeSerializer) {
			serialize(value, generator, context);
		}

	}

}
