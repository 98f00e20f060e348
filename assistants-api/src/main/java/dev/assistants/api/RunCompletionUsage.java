package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token usage of a run or run step ({@code RunCompletionUsage}, {@code RunStepCompletionUsage}).
 *
 * @param completionTokens the number of completion tokens
 * @param promptTokens the number of prompt tokens
 * @param totalTokens the total number of tokens
 */
public record RunCompletionUsage(@JsonProperty("completion_tokens") long completionTokens,
		@JsonProperty("prompt_tokens") long promptTokens, @JsonProperty("total_tokens") long totalTokens) {
}
