package dev.assistants.engine;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.assistants.engine.model.ModelOutput.TokenUsage;

/**
 * The listeners an engine was given, each told in turn.
 */
final class EngineListeners implements EngineListener {

	private final List<EngineListener> listeners;

	private EngineListeners(List<EngineListener> listeners) {
		this.listeners = listeners;
	}

	static EngineListener of(List<EngineListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> NONE;
			case 1 -> listeners.get(0);
			default -> new EngineListeners(List.copyOf(listeners));
		};
	}

	@Override
	public void runReached(String status) {
		this.listeners.forEach((listener) -> listener.runReached(status));
	}

	@Override
	public void runsTakenOver(int runs) {
		this.listeners.forEach((listener) -> listener.runsTakenOver(runs));
	}

	@Override
	public void runsQueued(int runs) {
		this.listeners.forEach((listener) -> listener.runsQueued(runs));
	}

	@Override
	public void modelTurn(String model, Duration duration, @Nullable TokenUsage usage, @Nullable Throwable failure) {
		this.listeners.forEach((listener) -> listener.modelTurn(model, duration, usage, failure));
	}

	@Override
	public void streamOpened() {
		this.listeners.forEach(EngineListener::streamOpened);
	}

	@Override
	public void streamClosed() {
		this.listeners.forEach(EngineListener::streamClosed);
	}

}
