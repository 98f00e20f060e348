package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Request to modify a thread ({@code ModifyThreadRequest}): only the fields set are changed.
 * <p>
 * Build one with {@link #builder()}; unset fields are not sent.
 *
 * @param toolResources the resources used by the tools
 * @param metadata the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModifyThreadRequest(@JsonProperty("tool_resources") @Nullable ToolResources toolResources,
		@Nullable Map<String, String> metadata) {

	public ModifyThreadRequest {
		RequestChecks.toolResources(toolResources);
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
	 * Builder of {@link ModifyThreadRequest}.
	 */
	public static final class Builder {

		private @Nullable ToolResources toolResources;

		private @Nullable Map<String, String> metadata;

		private Builder() {
		}

		/**
		 * Set the resources used by the tools.
		 * @param toolResources the value, or {@code null} to leave it unset
		 * @return this builder
		 */
		public Builder toolResources(@Nullable ToolResources toolResources) {
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
		public ModifyThreadRequest build() {
			return new ModifyThreadRequest(this.toolResources,
					this.metadata);
		}

	}

}
