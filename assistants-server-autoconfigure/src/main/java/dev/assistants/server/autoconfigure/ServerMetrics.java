package dev.assistants.server.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import dev.assistants.engine.EngineListener;
import dev.assistants.engine.model.ModelOutput.TokenUsage;

/**
 * The server's Micrometer metrics, from what the engine tells: runs by the status they reached,
 * runs taken over from a stopped instance, the runs queued, model turns and the tokens they used by
 * model, the streams open.
 */
final class ServerMetrics implements EngineListener {

	/** The counter of runs that reached a status they stop or wait in, tagged {@code status}. */
	static final String RUNS = "assistants.server.runs";

	/** The counter of runs this instance took over from one that stopped. */
	static final String TAKEOVERS = "assistants.server.runs.taken.over";

	/** The gauge of the runs queued in the store, as this instance last counted them. */
	static final String QUEUED = "assistants.server.runs.queued";

	/** The timer of model turns, tagged {@code model} and {@code outcome} ({@code success} or {@code failure}). */
	static final String MODEL_TURNS = "assistants.server.model.turns";

	/** The counter of the tokens model turns used, tagged {@code model} and {@code type} ({@code prompt} or {@code completion}). */
	static final String MODEL_TOKENS = "assistants.server.model.tokens";

	/** The gauge of the run streams open. */
	static final String STREAMS = "assistants.server.streams.active";

	private final MeterRegistry registry;

	private final AtomicInteger queued;

	private final AtomicInteger streams;

	ServerMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.queued = registry.gauge(QUEUED, new AtomicInteger());
		this.streams = registry.gauge(STREAMS, new AtomicInteger());
	}

	@Override
	public void runReached(String status) {
		this.registry.counter(RUNS, "status", status).increment();
	}

	@Override
	public void runsTakenOver(int runs) {
		this.registry.counter(TAKEOVERS).increment(runs);
	}

	@Override
	public void runsQueued(int runs) {
		this.queued.set(runs);
	}

	@Override
	public void modelTurn(String model, Duration duration, @Nullable TokenUsage usage, @Nullable Throwable failure) {
		this.registry.timer(MODEL_TURNS, "model", model, "outcome", (failure != null) ? "failure" : "success")
			.record(duration);
		if (usage != null) {
			this.registry.counter(MODEL_TOKENS, "model", model, "type", "prompt").increment(usage.promptTokens());
			this.registry.counter(MODEL_TOKENS, "model", model, "type", "completion").increment(usage.completionTokens());
		}
	}

	@Override
	public void streamOpened() {
		this.streams.incrementAndGet();
	}

	@Override
	public void streamClosed() {
		this.streams.decrementAndGet();
	}

}
