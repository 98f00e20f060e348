package dev.assistants.model.springai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One {@code chat.completion.chunk} of a streamed Chat Completions answer, the fields the chat
 * model reads: its choices' deltas, its usage, or (from servers that fail mid-stream) an error.
 *
 * @param id the completion's ID
 * @param model the model that answers
 * @param choices the choices' deltas, none in the usage chunk
 * @param usage the tokens used, in the last chunk
 * @param error the error a server sends in place of a chunk
 */
record ChatCompletionChunk(@Nullable String id, @Nullable String model, @Nullable List<Choice> choices,
		@Nullable Usage usage, @Nullable Error error) {

	/**
	 * What one choice adds.
	 *
	 * @param index the choice's index
	 * @param delta the text and tool calls added
	 * @param finishReason why the choice ended, in its last chunk
	 */
	record Choice(int index, @Nullable Delta delta, @JsonProperty("finish_reason") @Nullable String finishReason) {
	}

	/**
	 * A choice's text and tool call pieces.
	 *
	 * @param content the text added
	 * @param toolCalls the tool calls' pieces
	 */
	record Delta(@Nullable String content, @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls) {
	}

	/**
	 * A piece of a tool call: its first names the call and the function, the next add arguments.
	 *
	 * @param index which of the choice's calls it belongs to
	 * @param id the call's ID
	 * @param function the function's name and an arguments' piece
	 */
	record ToolCall(@Nullable Integer index, @Nullable String id, @Nullable Function function) {
	}

	/**
	 * A tool call's function.
	 *
	 * @param name the function's name
	 * @param arguments a piece of its arguments' JSON
	 */
	record Function(@Nullable String name, @Nullable String arguments) {
	}

	/**
	 * The tokens a completion used.
	 *
	 * @param promptTokens the prompt's
	 * @param completionTokens the answer's
	 * @param totalTokens both
	 */
	record Usage(@JsonProperty("prompt_tokens") @Nullable Integer promptTokens,
			@JsonProperty("completion_tokens") @Nullable Integer completionTokens,
			@JsonProperty("total_tokens") @Nullable Integer totalTokens) {
	}

	/**
	 * An error sent inside the stream.
	 *
	 * @param message what went wrong
	 * @param type its type
	 * @param code its code
	 */
	record Error(@Nullable String message, @Nullable String type, @Nullable Object code) {
	}

}
