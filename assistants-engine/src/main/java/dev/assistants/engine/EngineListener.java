package dev.assistants.engine;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.assistants.engine.model.ModelOutput.TokenUsage;

/**
 * Told what the engine does, for metrics and health: the statuses runs reach, the runs it takes
 * over, each model turn, the streams it serves. Every method does nothing by default. Calls come
 * from the engine's threads, event loops among them: they must be quick, and must neither block nor
 * throw.
 */
public interface EngineListener {

	/** A listener that is told nothing. */
	EngineListener NONE = new EngineListener() {
	};

	/**
	 * A run reached a status it stops or waits in: {@code requires_action}, {@code completed},
	 * {@code incomplete}, {@code failed}, {@code cancelled} or {@code expired}.
	 * @param status the status
	 */
	default void runReached(String status) {
	}

	/**
	 * This engine took over runs whose engine stopped.
	 * @param runs how many
	 */
	default void runsTakenOver(int runs) {
	}

	/**
	 * The runs queued in the store, as this engine last counted them (when it checks for runs to
	 * expire, which one engine of those on a store does at a time).
	 * @param runs how many
	 */
	default void runsQueued(int runs) {
	}

	/**
	 * A model turn ended.
	 * @param model the run's model
	 * @param duration from the request to the model to its last output
	 * @param usage the tokens the model reported, if it did
	 * @param failure why the turn failed, if it did: a {@link dev.assistants.engine.model.ModelException} for the model's
	 * error or its timeout, its code saying which; another exception for an adapter's bug
	 */
	default void modelTurn(String model, Duration duration, @Nullable TokenUsage usage, @Nullable Throwable failure) {
	}

	/** A client started streaming a run. */
	default void streamOpened() {
	}

	/** A stream of a run ended, or its client left. */
	default void streamClosed() {
	}

}
