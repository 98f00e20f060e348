package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

import org.springframework.util.Assert;

/**
 * Request to create a message ({@code CreateMessageRequest}).
 * <p>
 * Create one with {@link #user(String)}, {@link #assistant(String)} or
 * {@link #of(MessageRole, List)}, and add attachments or metadata with the {@code with} methods.
 *
 * @param role the entity that produces the message
 * @param content the content: a string or a list of parts
 * @param attachments files attached to the message and the tools they are added to
 * @param metadata the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateMessageRequest(MessageRole role, Content content, @Nullable List<MessageAttachment> attachments,
		@Nullable Map<String, String> metadata) {

	public CreateMessageRequest {
		Assert.notNull(role, "role must not be null");
		Assert.notNull(content, "content must not be null");
		RequestChecks.metadata(metadata);
	}

	/**
	 * A text message from the user.
	 * @param text the text
	 * @return the request
	 */
	public static CreateMessageRequest user(String text) {
		return new CreateMessageRequest(MessageRole.USER, new Content.Text(text), null, null);
	}

	/**
	 * A text message from the assistant, for example to seed a conversation.
	 * @param text the text
	 * @return the request
	 */
	public static CreateMessageRequest assistant(String text) {
		return new CreateMessageRequest(MessageRole.ASSISTANT, new Content.Text(text), null, null);
	}

	/**
	 * A message made of content parts (text and images).
	 * @param role the entity that produces the message
	 * @param parts the parts, at least one
	 * @return the request
	 */
	public static CreateMessageRequest of(MessageRole role, List<MessageContentPart> parts) {
		return new CreateMessageRequest(role, new Content.Parts(parts), null, null);
	}

	/**
	 * A copy of this request with the given attachments.
	 * @param attachments the attachments
	 * @return the new request
	 */
	public CreateMessageRequest withAttachments(List<MessageAttachment> attachments) {
		return new CreateMessageRequest(this.role, this.content, attachments, this.metadata);
	}

	/**
	 * A copy of this request with the given metadata.
	 * @param metadata the metadata
	 * @return the new request
	 */
	public CreateMessageRequest withMetadata(Map<String, String> metadata) {
		return new CreateMessageRequest(this.role, this.content, this.attachments, metadata);
	}

	/**
	 * The content of a new message: a string or a list of parts.
	 */
	@JsonDeserialize(using = Content.Deserializer.class)
	public sealed interface Content {

		/**
		 * Content given as a single string.
		 *
		 * @param text the text, not empty
		 */
		record Text(@JsonValue String text) implements Content {

			public Text {
				Assert.hasText(text, "content must not be blank");
			}

		}

		/**
		 * Content given as parts.
		 *
		 * @param parts the parts, at least one
		 */
		record Parts(@JsonValue List<MessageContentPart> parts) implements Content {

			public Parts {
				Assert.notEmpty(parts, "content must have at least one part");
				parts = List.copyOf(parts);
			}

		}

		/**
		 * Reads the string or the array form.
		 */
		final class Deserializer extends ValueDeserializer<Content> {

			@Override
			public Content deserialize(JsonParser parser, DeserializationContext context) {
				JsonNode node = context.readTree(parser);
				if (node.isString()) {
					return new Text(node.stringValue());
				}
				return new Parts(context.readTreeAsValue(node,
						context.getTypeFactory().constructCollectionType(List.class, MessageContentPart.class)));
			}

		}

	}

}
