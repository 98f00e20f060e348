package dev.assistants.engine.model;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a model's answer, in the order the model produces it.
 */
public sealed interface ModelOutput {

	/**
	 * More text of the answer: the engine writes it into the run's message and streams it as a
	 * {@code thread.message.delta}.
	 *
	 * @param text the text, as produced
	 */
	record TextDelta(String text) implements ModelOutput {

		public TextDelta {
			Objects.requireNonNull(text, "text must not be null");
		}

	}

	/**
	 * A piece of a function call: the first piece of a call carries its name (and the ID the model
	 * gave it, if any), the following ones more of its arguments. The engine streams each as a
	 * {@code thread.run.step.delta}; when the turn ends, the run requires action.
	 *
	 * @param index which call of the turn this is about, from 0
	 * @param id the call's ID, if the model gives one (the engine makes one otherwise)
	 * @param name the function's name, on the first piece of the call
	 * @param arguments more of the arguments, as JSON text
	 */
	record ToolCallDelta(int index, @Nullable String id, @Nullable String name, String arguments)
			implements ModelOutput {

		public ToolCallDelta {
			Objects.requireNonNull(arguments, "arguments must not be null");
		}

	}

	/**
	 * The end of the turn.
	 *
	 * @param reason why the model stopped
	 * @param usage the tokens the turn took, if the model counts them
	 */
	record Finish(FinishReason reason, @Nullable TokenUsage usage) implements ModelOutput {

		public Finish {
			Objects.requireNonNull(reason, "reason must not be null");
		}

	}

	/**
	 * Why a model stopped.
	 */
	enum FinishReason {

		/** The answer is complete. */
		STOP,

		/** The model calls functions and waits for their outputs. */
		TOOL_CALLS,

		/** The answer reached the completion token limit: the run ends {@code incomplete}. */
		LENGTH,

		/** The provider withheld the answer; the message ends {@code incomplete}. */
		CONTENT_FILTER

	}

	/**
	 * The tokens one turn took.
	 *
	 * @param promptTokens the tokens of the prompt
	 * @param completionTokens the tokens of the answer
	 */
	record TokenUsage(long promptTokens, long completionTokens) {

		/** No tokens. */
		public static final TokenUsage NONE = new TokenUsage(0, 0);

		/**
		 * The sum of both.
		 * @return the total
		 */
		public long totalTokens() {
			return this.promptTokens + this.completionTokens;
		}

		/**
		 * The tokens of this turn and another together.
		 * @param other the other turn's tokens
		 * @return the sum
		 */
		public TokenUsage plus(TokenUsage other) {
			return new TokenUsage(this.promptTokens + other.promptTokens, this.completionTokens + other.completionTokens);
		}

	}

}
