package dev.assistants.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.LastErrorCode;
import dev.assistants.api.MessageObject;
import dev.assistants.api.ReasoningEffort;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.model.ModelException;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.TokenUsage;
import dev.assistants.engine.model.ModelRequest;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.RunLease;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;
import dev.assistants.engine.store.StoredRun;

/**
 * Executes runs: from {@code queued} through the model's turn until the run stops (it requires
 * action, completes, fails, ...). An execution goes on whoever listens: its events are replayed to
 * a client that streams the run, and a client that disconnects stops only its own stream. A run
 * cancelled or expired while it executes is interrupted: the model's turn is cancelled, and the
 * stream ends with the run's last events.
 */
final class RunExecutor implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RunExecutor.class);

	private static final String INTERRUPTED = "The run was interrupted: its server stopped while the run was in progress.";

	/** The statuses of a run that some engine is executing, or is about to. */
	private static final List<String> TAKEN_OVER_STATUSES = List.of("queued", "in_progress", "cancelling");

	/** The most runs an engine takes over in one sweep, so that one engine does not take all at once. */
	private static final int TAKE_OVER_AT_ONCE = 50;

	/** The statuses of a run the listener is told of: those it stops or waits in. */
	private static final Set<String> REPORTED_STATUSES = Set.of("requires_action", "completed", "incomplete", "failed",
			"cancelled", "expired");

	/** The statuses an execution ends a run in; it leaves {@code requires_action} still holding it. */
	private static final Set<String> EXECUTION_ENDS = Set.of("completed", "incomplete", "failed");

	/** The observation of an execution, from {@code queued} until the run stops. */
	private static final String EXECUTION_OBSERVATION = "assistants.run.execution";

	/** The observation's key of the status the run stopped in, {@code interrupted} if none. */
	private static final String STATUS_KEY = "assistants.run.status";

	private final AssistantsStore store;

	private final AssistantModel model;

	private final ApiObjects objects;

	private final ThreadOperations threads;

	private final RunLifecycle lifecycle;

	private final Scheduler scheduler;

	private final Supplier<Duration> pause;

	private final Duration modelTimeout;

	private final RunLeases leases;

	private final EngineListener listener;

	private final ObservationRegistry observations;

	private final JsonMapper json;

	private final Map<String, Execution> executions = new ConcurrentHashMap<>();

	private final Set<Disposable> detached = ConcurrentHashMap.newKeySet();

	private final Scheduler leaseScheduler = Schedulers.newSingle("assistants-run-leases", true);

	private volatile boolean closed;

	/**
	 * @param json the mapper that reads stored objects into the model's records for the model
	 * @param pause how long a run stays in each state before it moves on, when executed for a
	 * client that polls
	 * @param modelTimeout the longest wait for the model's first output and between two outputs
	 * @param leases how this engine holds the runs it executes
	 * @param listener what to tell of the runs and model turns
	 * @param observations where executions are observed, each a child of the request that started
	 * it: the model's own observations become its children
	 */
	RunExecutor(AssistantsStore store, AssistantModel model, ApiObjects objects, ThreadOperations threads,
			RunLifecycle lifecycle, JsonMapper json, Scheduler scheduler, Supplier<Duration> pause,
			Duration modelTimeout, RunLeases leases, EngineListener listener, ObservationRegistry observations) {
		this.leases = leases;
		this.listener = listener;
		this.observations = observations;
		this.store = store;
		this.model = model;
		this.objects = objects;
		this.threads = threads;
		this.lifecycle = lifecycle;
		this.json = json;
		this.scheduler = scheduler;
		this.pause = pause;
		this.modelTimeout = modelTimeout;
	}

	/**
	 * Execute a queued run until it stops.
	 * @param paced whether the run pauses in each state, for clients that poll
	 * @param request the observation of the request that started the execution, if any
	 * @return its events, replayed to each subscriber
	 */
	Flux<RunEvent> execute(RunRef ref, boolean paced, @Nullable Observation request) {
		Execution execution = new Execution();
		this.executions.put(ref.runId(), execution);
		Duration pause = paced ? this.pause.get() : Duration.ZERO;
		Flux<RunEvent> events = observedExecution(ref, request, Flux
			.concat(later(pause, () -> this.lifecycle.start(ref)), later(pause, Flux.defer(() -> turn(ref))))
			.takeUntilOther(execution.interrupted.asMono())
			.concatWith(Flux.defer(execution::finish))
			.onErrorResume((ex) -> failed(ref, ex))
			.doOnNext(this::told)
			.doFinally((signal) -> this.executions.remove(ref.runId(), execution)))
			.cache();
		detach(events);
		return events;
	}

	/**
	 * A run now {@code cancelling} stops: interrupted if it executes, then {@code cancelled}.
	 */
	void cancel(RunRef ref, ObjectNode cancelling) {
		interrupt(ref, Flux.concat(Flux.just(RunEvent.of("thread.run.cancelling", cancelling)),
				later(this.pause.get(), Flux.defer(() -> inStore(() -> this.lifecycle.finishCancelling(ref))))));
	}

	/**
	 * A run that has not stopped expires now, interrupted if it executes.
	 */
	void expire(RunRef ref) {
		interrupt(ref, Flux.fromIterable(this.lifecycle.expire(ref)));
	}

	/**
	 * At this interval until the executor closes, whoever is polling, and by one engine of those
	 * on the store at a time: expire the runs that have not stopped by their {@code expires_at},
	 * and take over the runs whose engine stopped.
	 */
	void sweepEvery(Duration interval) {
		Outage outage = new Outage("expire runs or take over runs whose server stopped", interval);
		detach(ticks(interval).concatMap((tick) -> inStore(() -> {
			sweep();
			outage.over();
			return List.<RunEvent>of();
		}).onErrorResume((ex) -> {
			outage.failed(ex);
			return Flux.empty();
		})));
	}

	private void sweep() {
		long now = this.objects.now();
		List<StoredRun> due = this.store.inTransaction((tx) -> tx.claimTask("expire-runs")
				? tx.runsWithStatus(StoreTransaction.ACTIVE_RUN_STATUSES) : null);
		if (due == null) {
			takeOverAbandonedRuns();
			return;
		}
		this.listener.runsQueued((int) due.stream().filter((run) -> "queued".equals(run.status())).count());
		due.stream()
			.filter((run) -> run.expiresAt() > 0 && run.expiresAt() <= now)
			.forEach((run) -> expire(ref(run)));
		takeOverAbandonedRuns();
	}

	/**
	 * Take over the runs under way whose lease expired, as their engine stopped (or handed them
	 * back): a queued run executes here; a run that was in progress fails, as its model turn was
	 * lost with its engine; a cancelling run is cancelled. Runs that require action wait for their
	 * outputs until they expire.
	 */
	void takeOverAbandonedRuns() {
		List<StoredRun> runs = this.store.inTransaction((tx) -> tx.takeOverRuns(TAKEN_OVER_STATUSES,
				this.leases.owner(), this.leases.duration(), TAKE_OVER_AT_ONCE));
		for (StoredRun run : runs) {
			RunRef ref = ref(run);
			switch (run.status()) {
				case "queued" -> execute(ref, true, null);
				case "in_progress" -> this.lifecycle.fail(ref, LastErrorCode.SERVER_ERROR, INTERRUPTED).forEach(this::told);
				default -> this.lifecycle.finishCancelling(ref).forEach(this::told);
			}
		}
		if (!runs.isEmpty()) {
			this.listener.runsTakenOver(runs.size());
			logger.info("Took over " + runs.size() + " run(s) whose server stopped while they were under way: "
					+ runs.stream().map((run) -> run.runId() + " (" + run.status() + ")").collect(Collectors.joining(", ")));
		}
	}

	/**
	 * Renew the leases of the runs this engine executes, until it closes, on a thread of their own,
	 * so that a queue of requests for the store does not hold them up. An execution whose run was
	 * taken over meanwhile, or stopped by another engine (expired, cancelled), is interrupted: its
	 * model turn is cancelled, and it writes nothing more.
	 */
	void renewLeases() {
		Duration interval = this.leases.renewInterval();
		Outage outage = new Outage("renew the leases of the runs executing here", interval);
		detach(ticks(interval).concatMap((tick) -> Mono.fromCallable(() -> {
			// only the runs asked about: one that starts meanwhile has its lease from its creation
			List<String> executing = List.copyOf(this.executions.keySet());
			Map<String, RunLease> runs = this.store.inTransaction(
					(tx) -> tx.renewRunLeases(this.leases.owner(), executing, this.leases.duration()));
			for (String runId : executing) {
				Execution execution = this.executions.get(runId);
				if (execution != null && lost(runs.get(runId))) {
					execution.interrupt(Flux.empty());
				}
			}
			outage.over();
			return tick;
		}).subscribeOn(this.leaseScheduler).onErrorResume((ex) -> {
			outage.failed(ex);
			return Mono.empty();
		})));
	}

	/**
	 * Whether a run this engine executes is no longer its own: deleted, taken over by another
	 * engine, or stopped other than by its execution here (cancelled or expired). A run that
	 * stopped as its execution ends it (completed, incomplete, failed) is still this execution's,
	 * whose last events may not be out yet. (So is a run another engine took over and failed at
	 * once, which happens only to an engine that could not renew its leases for a whole lease: its
	 * execution then writes nothing more, as each write finds the run stopped.)
	 */
	private static boolean lost(@Nullable RunLease run) {
		return run == null || (!run.held() && !EXECUTION_ENDS.contains(run.status()));
	}

	/**
	 * Stop every execution, and hand back the leases of the runs under way, so that another engine
	 * on the store takes them over at once.
	 */
	@Override
	public void close() {
		this.closed = true;
		List<String> executing = List.copyOf(this.executions.keySet());
		this.detached.forEach(Disposable::dispose);
		this.detached.clear();
		this.leaseScheduler.dispose();
		if (!executing.isEmpty()) {
			try {
				this.store.inTransaction((tx) -> tx.renewRunLeases(this.leases.owner(), executing, Duration.ZERO));
			}
			catch (RuntimeException ex) {
				logger.warn("Could not hand back the leases of " + executing.size() + " run(s); another server "
						+ "takes them over when they expire", ex);
			}
		}
	}

	/**
	 * A tick at each interval for background work, a tick that comes while the work is still busy
	 * with the last one dropped: under load (a store slow to answer) the work runs less often, and
	 * never stops for good, as it would on the interval's overflow.
	 */
	private static Flux<Long> ticks(Duration interval) {
		return Flux.interval(interval, interval).onBackpressureDrop();
	}

	private static RunRef ref(StoredRun run) {
		return new RunRef(run.project(), run.threadId(), run.runId());
	}

	private Flux<RunEvent> turn(RunRef ref) {
		return Mono.fromCallable(() -> request(ref)).subscribeOn(this.scheduler).flatMapMany((request) -> {
			Turn turn = new Turn(ref, request.run().assistantId(), this.store, this.objects, this.threads, this.lifecycle,
					this::inStore);
			// the timeout sees the model's outputs as they come, however long writing each one takes
			return reported(request, Flux.defer(() -> this.model.respond(request))
				.timeout(this.modelTimeout, Flux.error(() -> new ModelException(LastErrorCode.SERVER_ERROR,
						"The model did not answer within " + this.modelTimeout.toMillis() + " ms."))))
				.onBackpressureBuffer()
				.concatMap(turn::apply)
				.concatWith(Flux.defer(turn::end))
				.onErrorResume(ModelException.class, turn::fail);
		});
	}

	/**
	 * An execution, observed from its start until the run stops, as a child of the request that
	 * started it; the observation is in the execution's context, for the model's observations.
	 */
	private Flux<RunEvent> observedExecution(RunRef ref, @Nullable Observation request, Flux<RunEvent> execution) {
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
	private Flux<ModelOutput> reported(ModelRequest request, Flux<ModelOutput> turn) {
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

	/** What the model needs for its turn, or nothing if the run is no longer in progress. */
	private @Nullable ModelRequest request(RunRef ref) {
		return this.store.inTransaction((tx) -> tx.find(ObjectKind.RUN, ref.project(), ref.runId())
			.filter((run) -> "in_progress".equals(ApiObjects.status(run)))
			.map((run) -> {
				Scope runScope = Scope.run(ref.threadId(), ref.runId());
				String effort = run.path(AssistantOperations.REASONING_EFFORT).asString(null);
				return new ModelRequest(read(run, RunObject.class), (effort != null) ? ReasoningEffort.of(effort) : null,
						tx.list(ObjectKind.MESSAGE, ref.project(), Scope.thread(ref.threadId()))
							.stream()
							.map((message) -> read(message, MessageObject.class))
							.toList(),
						tx.list(ObjectKind.RUN_STEP, ref.project(), runScope)
							.stream()
							.map((step) -> read(step, RunStepObject.class))
							.toList());
			})
			.orElse(null));
	}

	private <T> T read(ObjectNode object, Class<T> type) {
		return this.json.treeToValue(ApiObjects.publicView(object), type);
	}

	/** An execution that failed for another reason than its model: the run fails, if it still can. */
	private Flux<RunEvent> failed(RunRef ref, Throwable ex) {
		logger.error("Run " + ref.runId() + " failed", ex);
		return inStore(() -> this.lifecycle.fail(ref, LastErrorCode.SERVER_ERROR,
				"The server had an error while processing the run.")).onErrorResume((failure) -> {
					ex.addSuppressed(failure);
					return Flux.error(ex);
				});
	}

	private void interrupt(RunRef ref, Flux<RunEvent> ending) {
		Execution execution = this.executions.get(ref.runId());
		if (execution == null || !execution.interrupt(ending)) {
			detach(ending.doOnNext(this::told));
		}
	}

	/** Tell the listener of a status a run stops or waits in. */
	private void told(RunEvent event) {
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

	private Flux<RunEvent> inStore(Callable<List<RunEvent>> work) {
		return Mono.fromCallable(work).subscribeOn(this.scheduler).flatMapIterable((events) -> events);
	}

	private Flux<RunEvent> later(Duration pause, Callable<List<RunEvent>> work) {
		return later(pause, Flux.defer(() -> inStore(work)));
	}

	private static Flux<RunEvent> later(Duration pause, Flux<RunEvent> work) {
		return pause.isZero() ? work : Mono.delay(pause).thenMany(work);
	}

	/** Run work whoever listens, until it ends or the executor closes. */
	private void detach(Flux<?> work) {
		if (this.closed) {
			return;
		}
		Disposable.Swap slot = Disposables.swap();
		this.detached.add(slot);
		slot.update(work.doFinally((signal) -> this.detached.remove(slot))
			.subscribe(null, (ex) -> logger.debug("Run work ended with an error", ex)));
		if (this.closed) {
			slot.dispose();
		}
	}

	/**
	 * The failures of a piece of background work that runs again and again, logged once per outage
	 * (the store down for a while fails it every time), and its end.
	 */
	private static final class Outage {

		private final String work;

		private final Duration interval;

		private volatile boolean failing;

		Outage(String work, Duration interval) {
			this.work = work;
			this.interval = interval;
		}

		void failed(Throwable ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("Could not " + this.work + "; trying again every " + this.interval.toMillis() + " ms", ex);
			}
			else {
				logger.debug("Could still not " + this.work, ex);
			}
		}

		void over() {
			if (this.failing) {
				this.failing = false;
				logger.info("Could " + this.work + " again");
			}
		}

	}

	/**
	 * One execution of a run, which a cancel or an expiry may interrupt with the run's last events.
	 */
	private static final class Execution {

		private final Sinks.Empty<Void> interrupted = Sinks.empty();

		private @Nullable Flux<RunEvent> ending;

		private boolean finished;

		/** Interrupt the execution unless it has finished; the first interruption's ending stands. */
		synchronized boolean interrupt(Flux<RunEvent> ending) {
			if (this.finished) {
				return false;
			}
			if (this.ending == null) {
				this.ending = ending;
				this.interrupted.tryEmitEmpty();
			}
			return true;
		}

		synchronized Flux<RunEvent> finish() {
			this.finished = true;
			return (this.ending != null) ? this.ending : Flux.empty();
		}

	}

}
