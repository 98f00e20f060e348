package dev.assistants.api;

import org.jspecify.annotations.Nullable;

/**
 * Base of the builders of {@link CreateRunRequest} and {@link CreateThreadAndRunRequest}: the
 * settings with which a run overrides its assistant's, and its limits.
 *
 * @param <B> the builder's own type
 */
abstract class AbstractRunBuilder<B extends AbstractRunBuilder<B>> extends AbstractSettingsBuilder<B> {

	@Nullable String model;

	@Nullable Integer maxPromptTokens;

	@Nullable Integer maxCompletionTokens;

	@Nullable TruncationObject truncationStrategy;

	@Nullable AssistantsApiToolChoiceOption toolChoice;

	@Nullable Boolean parallelToolCalls;

	/**
	 * Set the model, overriding the assistant's.
	 * @param model the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B model(@Nullable String model) {
		this.model = model;
		return self();
	}

	/**
	 * Set the maximum number of prompt tokens, at least 256.
	 * @param maxPromptTokens the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B maxPromptTokens(@Nullable Integer maxPromptTokens) {
		this.maxPromptTokens = maxPromptTokens;
		return self();
	}

	/**
	 * Set the maximum number of completion tokens, at least 256.
	 * @param maxCompletionTokens the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
		this.maxCompletionTokens = maxCompletionTokens;
		return self();
	}

	/**
	 * Set how the thread is truncated before the run.
	 * @param truncationStrategy the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B truncationStrategy(@Nullable TruncationObject truncationStrategy) {
		this.truncationStrategy = truncationStrategy;
		return self();
	}

	/**
	 * Set which tool the model calls.
	 * @param toolChoice the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B toolChoice(@Nullable AssistantsApiToolChoiceOption toolChoice) {
		this.toolChoice = toolChoice;
		return self();
	}

	/**
	 * Set whether parallel function calling is enabled (the server's default is true).
	 * @param parallelToolCalls the value, or {@code null} to leave it unset
	 * @return this builder
	 */
	public B parallelToolCalls(@Nullable Boolean parallelToolCalls) {
		this.parallelToolCalls = parallelToolCalls;
		return self();
	}

}
