package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Request to create a thread ({@code CreateThreadRequest}).
 * <p>
 * Build one with {@link #builder()}; unset fields are not sent.
 *
 * @param messages the messages to start the thread with
 * @param toolResources the resources used by the tools, possibly creating a vector store
 * @param metadata the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateThreadRequest(@Nullable List<CreateMessageRequest> messages,
		@JsonProperty("tool_resources") @Nullable CreateToolResources toolResources,
		@Nullable Map<String, String> metadata) {

	public CreateThreadRequest {
		RequestChecks.metadata(metadata);
	}

	/**
	 * Start a request; every field is optional.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builder of {@link CreateThreadRequest}.
	 */
	public static final class Builder {

		private @Nullable List<CreateMessageRequest> messages;

		private @Nullable CreateToolResources toolResources;

		private @Nullable Map<String, String> metadata;

		private Builder() {
		}

		/**
		 * Set the messages to start the thread with.
		 * @param messages the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder messages(@Nullable List<CreateMessageRequest> messages) {
			this.messages = messages;
			return this;
		}

		/**
		 * Set the messages to start the thread with.
		 * @param messages the values
		 * @return this builder
		 */
		public Builder messages(CreateMessageRequest... messages) {
			return messages(List.of(messages));
		}

		/**
		 * Set the resources used by the tools, possibly creating a vector store.
		 * @param toolResources the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder toolResources(@Nullable CreateToolResources toolResources) {
			this.toolResources = toolResources;
			return this;
		}

		/**
		 * Set the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters.
		 * @param metadata the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder metadata(@Nullable Map<String, String> metadata) {
			this.metadata = metadata;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public CreateThreadRequest build() {
			return new CreateThreadRequest(this.messages,
					this.toolResources,
					this.metadata);
		}

	}

}
