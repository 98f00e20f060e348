package dev.assistants.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.LastErrorCode;
import dev.assistants.api.MessageObject;
import dev.assistants.api.ReasoningEffort;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStatus;
import dev.assistants.api.RunStepDetailsMessageCreationObject;
import dev.assistants.api.RunStepDetailsToolCall;
import dev.assistants.api.RunStepDetailsToolCallsCodeObject;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutput;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutputImageObject;
import dev.assistants.api.RunStepDetailsToolCallsObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.RunStepStatus;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.model.CodeInterpreterCalls;
import dev.assistants.engine.model.CodeOutputFile;
import dev.assistants.engine.model.FileSearchCalls;
import dev.assistants.engine.model.ModelException;
import dev.assistants.engine.model.ModelRequest;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;

/**
 * Executes runs: from {@code queued} through the model's turn until the run stops (it requires
 * action, completes, fails, ...). An execution goes on whoever listens: the events of a streamed run
 * are handed to its client as they happen (kept only until the client reads them), and a client that
 * disconnects stops only its own stream. A run
 * cancelled or expired while it executes is interrupted: the model's turn is cancelled, and the
 * stream ends with the run's last events.
 */
final class RunExecutor {

	private static final Log logger = LogFactory.getLog(RunExecutor.class);

	private final AssistantsStore store;

	private final AssistantModel model;

	private final ApiObjects objects;

	private final ThreadOperations threads;

	private final RunLifecycle lifecycle;

	private final Scheduler scheduler;

	private final Supplier<Duration> pause;

	private final Duration modelTimeout;

	private final ExecutionObserver observer;

	private final BackgroundWork background;

	private final FileOperations files;

	private final FileSearchTool fileSearch;

	private final @Nullable CodeInterpreterTool codeInterpreter;

	/** The most turns in a row a run's model may spend searching files or running code. */
	private static final int MAX_TOOL_TURNS = 10;

	private final JsonMapper json;

	private final Map<String, Execution> executions = new ConcurrentHashMap<>();

	/**
	 * @param json the mapper that reads stored objects into the model's records for the model
	 * @param scheduler where the store is called
	 * @param pause how long a run stays in each state before it moves on, when executed for a
	 * client that polls
	 * @param modelTimeout the longest wait for the model's first output and between two outputs
	 * @param observer what is told of the executions
	 * @param background where executions go on whoever listens
	 * @param files where the image files the messages show are read for the model
	 * @param codeInterpreter what runs the code of {@code code_interpreter} calls, if the server can
	 */
	RunExecutor(AssistantsStore store, AssistantModel model, ApiObjects objects, ThreadOperations threads,
			RunLifecycle lifecycle, JsonMapper json, Scheduler scheduler, Supplier<Duration> pause,
			Duration modelTimeout, ExecutionObserver observer, BackgroundWork background, FileOperations files,
			FileSearchTool fileSearch, @Nullable CodeInterpreterTool codeInterpreter) {
		this.store = store;
		this.model = model;
		this.objects = objects;
		this.threads = threads;
		this.lifecycle = lifecycle;
		this.json = json;
		this.scheduler = scheduler;
		this.pause = pause;
		this.modelTimeout = modelTimeout;
		this.observer = observer;
		this.background = background;
		this.files = files;
		this.fileSearch = fileSearch;
		this.codeInterpreter = codeInterpreter;
	}

	/**
	 * Execute a queued run until it stops.
	 * @param streamed whether a client streams the run's events; if not, the run pauses in each
	 * state, for clients that poll
	 * @param request the observation of the request that started the execution, if any
	 * @return the events of a streamed run, for its one subscriber: those that come before it
	 * subscribes are kept for it, those it has read are not; none for a run not streamed
	 */
	Flux<RunEvent> execute(RunRef ref, boolean streamed, @Nullable Observation request) {
		Execution execution = new Execution();
		this.executions.put(ref.runId(), execution);
		Flux<RunEvent> events = this.observer.observe(ref, request, (streamed ? startAndTurn(ref) : pacedStartAndTurn(ref))
			.takeUntilOther(execution.interrupted.asMono())
			.concatWith(Flux.defer(execution::finish))
			.onErrorResume((ex) -> failed(ref, ex))
			.doOnNext(this.observer::told)
			.doFinally((signal) -> this.executions.remove(ref.runId(), execution)));
		if (!streamed) {
			this.background.detach(events);
			return Flux.empty();
		}
		Sinks.Many<RunEvent> stream = Sinks.many().unicast().onBackpressureBuffer();
		this.background.detach(events.doOnNext(stream::tryEmitNext)
			.doOnError(stream::tryEmitError)
			.doFinally((signal) -> stream.tryEmitComplete()));
		return stream.asFlux();
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

	/** The runs executing here, by ID. */
	List<String> executing() {
		return List.copyOf(this.executions.keySet());
	}

	/** Interrupt the execution of a run that is no longer this engine's: it writes nothing more. */
	void interrupt(String runId) {
		Execution execution = this.executions.get(runId);
		if (execution != null) {
			execution.interrupt(Flux.empty());
		}
	}

	/**
	 * A streamed run started and its model's first turn read in one transaction, so that its model
	 * call waits for one connection to the store, not two.
	 */
	private Flux<RunEvent> startAndTurn(RunRef ref) {
		return Mono.fromCallable(() -> this.store.inTransaction((tx) -> new Started(this.lifecycle.start(tx, ref),
				request(tx, ref))))
			.subscribeOn(this.scheduler)
			.flatMapMany((started) -> Flux.fromIterable(started.events())
				.concatWith((started.request() != null) ? turn(ref, 1, started.request()) : Flux.empty()));
	}

	/** A run for clients that poll, started and then answered, with a pause before each. */
	private Flux<RunEvent> pacedStartAndTurn(RunRef ref) {
		Duration pause = this.pause.get();
		return Flux.concat(later(pause, () -> this.lifecycle.start(ref)), later(pause, Flux.defer(() -> turn(ref, 1))));
	}

	/**
	 * One turn of the model, and the next as long as the model only calls the tools the server
	 * executes (file search, code): a run whose model calls them more than {@value #MAX_TOOL_TURNS}
	 * turns in a row fails.
	 */
	private Flux<RunEvent> turn(RunRef ref, int number) {
		if (number > MAX_TOOL_TURNS) {
			return inStore(() -> this.lifecycle.fail(ref, LastErrorCode.SERVER_ERROR, "The model searched files or ran "
					+ "code " + MAX_TOOL_TURNS + " turns in a row without answering."));
		}
		return Mono.fromCallable(() -> this.store.inTransaction((tx) -> request(tx, ref)))
			.subscribeOn(this.scheduler)
			.flatMapMany((request) -> turn(ref, number, request));
	}

	/** A turn of the model on what it needs, read. */
	private Flux<RunEvent> turn(RunRef ref, int number, ModelRequest request) {
		Turn turn = new Turn(ref, request.run().assistantId(), this.store, this.objects, this.threads, this.lifecycle,
				this::inStore,
				new Turn.ServerTools(FileSearchCalls.enabled(request) ? this.fileSearch : null,
						CodeInterpreterCalls.enabled(request) ? this.codeInterpreter : null),
				new Turn.Before(FileSearchCalls.results(request.steps()).stream().map((result) -> result.fileId()).toList(),
						request.codeOutputFiles(), imagesSinceLastMessage(request.steps())));
		// the timeout sees the model's outputs as they come, however long writing each one takes
		return this.observer.turn(request, withImageFiles(ref, request).flatMapMany(this.model::respond)
			.timeout(this.modelTimeout, Flux.error(() -> new ModelException(LastErrorCode.SERVER_ERROR,
					"The model did not answer within " + this.modelTimeout.toMillis() + " ms."))))
			.onBackpressureBuffer()
			.concatMap(turn::apply)
			.concatWith(Flux.defer(turn::end))
			.onErrorResume(ModelException.class, turn::fail)
			.concatWith(Flux.defer(() -> turn.continues() ? turn(ref, number + 1) : Flux.empty()));
	}

	/**
	 * The turn with the bytes of the image files its messages show; one that is not the project's
	 * (deleted, expired, another's) or is too large fails the turn with {@code invalid_prompt}.
	 */
	private Mono<ModelRequest> withImageFiles(RunRef ref, ModelRequest request) {
		Set<String> ids = request.imageFileIds();
		if (ids.isEmpty()) {
			return Mono.just(request);
		}
		return Flux.fromIterable(ids)
			.concatMap((id) -> this.files.image(ref.project(), id).map((image) -> Map.entry(id, image)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map(request::withImageFiles)
			.onErrorMap(ApiException.class, (ex) -> new ModelException(LastErrorCode.INVALID_PROMPT,
					"A message shows an image file the run cannot use: " + ex.getMessage()));
	}

	/** What the model needs for its turn, or nothing if the run is no longer in progress. */
	private @Nullable ModelRequest request(StoreTransaction tx, RunRef ref) {
		return tx.find(ObjectKind.RUN, ref.project(), ref.runId())
			.filter((run) -> RunStatus.IN_PROGRESS.value().equals(ApiObjects.status(run)))
			.map((run) -> {
				Scope runScope = Scope.run(ref.threadId(), ref.runId());
				String effort = run.path(AssistantOperations.REASONING_EFFORT).asString(null);
				List<ObjectNode> steps = tx.list(ObjectKind.RUN_STEP, ref.project(), runScope);
				return new ModelRequest(read(run, RunObject.class), (effort != null) ? ReasoningEffort.of(effort) : null,
						tx.list(ObjectKind.MESSAGE, ref.project(), Scope.thread(ref.threadId()))
							.stream()
							.map((message) -> read(message, MessageObject.class))
							.toList(),
						steps.stream().map((step) -> read(step, RunStepObject.class)).toList(), Map.of(),
						codeOutputFiles(steps));
			})
			.orElse(null);
	}

	/** The files the run's code wrote, which its latest step of code calls keeps. */
	private static List<CodeOutputFile> codeOutputFiles(List<ObjectNode> steps) {
		List<CodeOutputFile> files = new ArrayList<>();
		for (ObjectNode step : steps) {
			if (step.has(Turn.CODE_OUTPUT_FILES)) {
				files.clear();
				for (JsonNode file : step.get(Turn.CODE_OUTPUT_FILES)) {
					files.add(new CodeOutputFile(file.path("call_id").asString(), file.path("filename").asString(),
							file.path("file_id").asString()));
				}
			}
		}
		return files;
	}

	/** The images the run's code displayed since the run's last message, which the next message shows. */
	private static List<String> imagesSinceLastMessage(List<RunStepObject> steps) {
		List<String> images = new ArrayList<>();
		for (RunStepObject step : steps) {
			if (step.stepDetails() instanceof RunStepDetailsMessageCreationObject) {
				images.clear();
			}
			else if (step.stepDetails() instanceof RunStepDetailsToolCallsObject calls
					&& RunStepStatus.COMPLETED.equals(step.status())) {
				for (RunStepDetailsToolCall call : calls.toolCalls()) {
					if (call instanceof RunStepDetailsToolCallsCodeObject code && code.codeInterpreter().outputs() != null) {
						for (RunStepDetailsToolCallsCodeOutput output : code.codeInterpreter().outputs()) {
							if (output instanceof RunStepDetailsToolCallsCodeOutputImageObject image) {
								images.add(image.image().fileId());
							}
						}
					}
				}
			}
		}
		return images;
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
			this.background.detach(ending.doOnNext(this.observer::told));
		}
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

	/**
	 * A run just started: its events, and what its model needs for the first turn (nothing if the
	 * run is not in progress).
	 *
	 * @param events the events of the start
	 * @param request what the model needs
	 */
	private record Started(List<RunEvent> events, @Nullable ModelRequest request) {
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
