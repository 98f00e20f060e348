package dev.assistants.api;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Base of the builders of requests that configure a model's behaviour: the settings that assistants
 * and runs share. Each setter sets one field and returns the builder; unset fields are not sent.
 *
 * @param <B> the builder's own type
 */
abstract class AbstractSettingsBuilder<B extends AbstractSettingsBuilder<B>> {

	@Nullable String instructions;

	@Nullable List<AssistantTool> tools;

	@Nullable Map<String, String> metadata;

	@Nullable Double temperature;

	@Nullable Double topP;

	@Nullable AssistantsApiResponseFormatOption responseFormat;

	/**
	 * Set the instructions, at most 256,000 characters; a run's override the assistant's.
	 * @param instructions the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B instructions(@Nullable String instructions) {
		this.instructions = instructions;
		return self();
	}

	/**
	 * Set the tools.
	 * @param tools the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B tools(@Nullable List<AssistantTool> tools) {
		this.tools = tools;
		return self();
	}

	/**
	 * Set the tools.
	 * @param tools the values
	 * @return this builder
	 */
	public B tools(AssistantTool... tools) {
		return tools(List.of(tools));
	}

	/**
	 * Set the metadata: up to 16 key-value pairs, keys up to 64 and values up to 512 characters.
	 * @param metadata the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B metadata(@Nullable Map<String, String> metadata) {
		this.metadata = metadata;
		return self();
	}

	/**
	 * Set the sampling temperature, 0 to 2.
	 * @param temperature the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B temperature(@Nullable Double temperature) {
		this.temperature = temperature;
		return self();
	}

	/**
	 * Set the nucleus sampling probability mass, 0 to 1.
	 * @param topP the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B topP(@Nullable Double topP) {
		this.topP = topP;
		return self();
	}

	/**
	 * Set the format the model must output.
	 * @param responseFormat the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B responseFormat(@Nullable AssistantsApiResponseFormatOption responseFormat) {
		this.responseFormat = responseFormat;
		return self();
	}

	@SuppressWarnings("unchecked")
	final B self() {
		return (B) this;
	}

}
