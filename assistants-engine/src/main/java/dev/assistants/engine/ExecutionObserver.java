package dev.assistants.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import dev.assistants.api.RunStatus;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.TokenUsage;
import dev.assistants.engine.model.ModelRequest;

/**
 * What is told of run executions: each is observed ({@code assistants.run.execution}) as a child of
 * the request that started it, and the listener hears of the statuses runs stop or wait in and of
 * the model's turns.
 */
final class ExecutionObserver {

	/** The statuses of a run the listener is told of: those it stops or waits in. */
	private static final Set<String> REPORTED_STATUSES = reportedStatuses();

	/** The observation of an execution, from {@code queued} until the run stops. */
	private static final String EXECUTION_OBSERVATION = "assistants.run.execution";

	/** The observation's key of the status the run stopped in, {@code interrupted} if none. */
	private static final String STATUS_KEY = "assistants.run.status";

	private final ObservationRegistry observations;

	private final EngineListener listener;

	/**
	 * @param observations where executions are observed: the model's own observations become
	 * their children
	 * @param listener what to tell of the runs and model turns
	 */
	ExecutionObserver(ObservationRegistry observations, EngineListener listener) {
		this.observations = observations;
		this.listener = listener;
	}

	/**
	 * An execution, observed from its start until the run stops, as a child of the request that
	 * started it; the observation is in the execution's context, for the model's observations.
	 */
	Flux<RunEvent> observe(RunRef ref, @Nullable Observation request, Flux<RunEvent> execution) {
		return Flux.defer(() -> {
			Observation observation = Observation.createNotStarted(EXECUTION_OBSERVATION, this.observations)
				.contextualName("run execution")
				.parentObservation(request)
				.lowCardinalityKeyValue(STATUS_KEY, "interrupted")
				.highCardinalityKeyValue("assistants.run.id", ref.runId())
				.highCardinalityKeyValue("assistants.thread.id", ref.threadId())
				.start();
			return execution.doOnNext((event) -> {
				String status = reportedStatus(event);
				if (status != null) {
					observation.lowCardinalityKeyValue(STATUS_KEY, status);
				}
			})
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * The model's turn, told to the listener when it ends (before the run is written as it ends):
	 * how long it took, the tokens it used, how it failed.
	 */
	Flux<ModelOutput> turn(ModelRequest request, Flux<ModelOutput> turn) {
		return Flux.defer(() -> {
			long start = System.nanoTime();
			AtomicReference<@Nullable TokenUsage> usage = new AtomicReference<>();
			Consumer<@Nullable Throwable> ended = (failure) -> this.listener.modelTurn(request.run().model(),
					Duration.ofNanos(System.nanoTime() - start), usage.get(), failure);
			return turn.doOnNext((output) -> {
				if (output instanceof Finish finish) {
					usage.set(finish.usage());
				}
			}).doOnComplete(() -> ended.accept(null)).doOnError(ended).doOnCancel(() -> ended.accept(null));
		});
	}

	/** Tell the listener of a status a run stops or waits in, if this event tells of one. */
	void told(RunEvent event) {
		String status = reportedStatus(event);
		if (status != null) {
			this.listener.runReached(status);
		}
	}

	/** The status a run stops or waits in that this event tells of, if it does. */
	private static @Nullable String reportedStatus(RunEvent event) {
		String name = event.name();
		if (name.startsWith("thread.run.") && !name.startsWith("thread.run.step.")) {
			String status = name.substring("thread.run.".length());
			return REPORTED_STATUSES.contains(status) ? status : null;
		}
		return null;
	}

	private static Set<String> reportedStatuses() {
		return Stream.concat(RunStatus.STOPPED.stream(), Stream.of(RunStatus.REQUIRES_ACTION))
			.map(RunStatus::value)
			.collect(Collectors.toUnmodifiableSet());
	}

}
