package dev.assistants.emulator;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the emulated model does in one turn of a run: reply with text, call functions, fail, or let
 * the run expire; optionally after a delay.
 *
 * @param reply the text to reply with, if it replies
 * @param functionCalls the functions to call, if it calls any
 * @param errorCode the {@code last_error.code} to fail with, if it fails
 * @param errorMessage the {@code last_error.message} to fail with
 * @param delay how long the turn takes
 */
public record ModelTurn(@Nullable String reply, List<FunctionCall> functionCalls, @Nullable String errorCode,
		@Nullable String errorMessage, Duration delay) {

	/** The {@code errorCode} of {@link #expire()}: the run expires instead of failing. */
	static final String EXPIRED = "expired";

	/**
	 * Reply with the given text.
	 * @param text the reply
	 * @return the turn
	 */
	public static ModelTurn reply(String text) {
		return new ModelTurn(text, List.of(), null, null, Duration.ZERO);
	}

	/**
	 * Call one or more functions; the run then requires action.
	 * @param calls the calls
	 * @return the turn
	 */
	public static ModelTurn call(FunctionCall... calls) {
		return new ModelTurn(null, List.of(calls), null, null, Duration.ZERO);
	}

	/**
	 * Fail the run.
	 * @param code the error code: {@code server_error}, {@code rate_limit_exceeded} or {@code invalid_prompt}
	 * @param message the error message
	 * @return the turn
	 */
	public static ModelTurn fail(String code, String message) {
		return new ModelTurn(null, List.of(), code, message, Duration.ZERO);
	}

	/**
	 * Let the run expire, as a run does when nobody submits its tool outputs in time.
	 * @return the turn
	 */
	public static ModelTurn expire() {
		return new ModelTurn(null, List.of(), EXPIRED, null, Duration.ZERO);
	}

	/**
	 * The same turn, taking the given time.
	 * @param delay how long the turn takes
	 * @return the new turn
	 */
	public ModelTurn after(Duration delay) {
		return new ModelTurn(this.reply, this.functionCalls, this.errorCode, this.errorMessage, delay);
	}

	/**
	 * A function call.
	 *
	 * @param name the name of the function
	 * @param arguments the arguments, as JSON
	 */
	public record FunctionCall(String name, String arguments) {
	}

}
