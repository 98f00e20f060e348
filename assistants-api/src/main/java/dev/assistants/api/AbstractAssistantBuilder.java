package dev.assistants.api;

import org.jspecify.annotations.Nullable;

/**
 * Base of the builders of {@link CreateAssistantRequest} and {@link ModifyAssistantRequest}.
 *
 * @param <B> the builder's own type
 * @param <R> the type of the request's tool resources
 */
abstract class AbstractAssistantBuilder<B extends AbstractAssistantBuilder<B, R>, R> extends AbstractSettingsBuilder<B> {

	@Nullable String name;

	@Nullable String description;

	@Nullable ReasoningEffort reasoningEffort;

	@Nullable R toolResources;

	/**
	 * Set the name, at most 256 characters.
	 * @param name the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B name(@Nullable String name) {
		this.name = name;
		return self();
	}

	/**
	 * Set the description, at most 512 characters.
	 * @param description the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B description(@Nullable String description) {
		this.description = description;
		return self();
	}

	/**
	 * Set the reasoning effort, for reasoning models.
	 * @param reasoningEffort the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B reasoningEffort(@Nullable ReasoningEffort reasoningEffort) {
		this.reasoningEffort = reasoningEffort;
		return self();
	}

	/**
	 * Set the resources used by the tools.
	 * @param toolResources the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B toolResources(@Nullable R toolResources) {
		this.toolResources = toolResources;
		return self();
	}

}
