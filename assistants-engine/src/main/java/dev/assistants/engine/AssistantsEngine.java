package dev.assistants.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import dev.assistants.engine.code.CodeExecutor;
import dev.assistants.engine.documents.Embeddings;
import dev.assistants.engine.documents.TextExtractor;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.store.AssistantsStore;

/**
 * The Assistants API v2, once: the 23 operations, files, uploads and vector stores as WebFlux routes under
 * {@code /v1}, with the specification's validation, pagination and errors, the run lifecycle and its
 * steps, and streaming in OpenAI's event order. What it keeps goes to an {@link AssistantsStore}; what answers the runs is
 * an {@link AssistantModel}.
 * <p>
 * Serve {@link #routerFunction()} behind {@link #callerFilter()} from a Spring WebFlux application
 * (a {@code RouterFunction} bean and a {@code WebFilter} bean), or {@link #httpHandler()} from a
 * bare Reactor Netty server.
 * <pre class="code">
 * AssistantsEngine engine = AssistantsEngine.builder(store, model)
 *     .apiKeys((apiKey) -&gt; keys.callerOf(apiKey))
 *     .build();
 * </pre>
 */
public final class AssistantsEngine implements AutoCloseable {

	private final BackgroundWork background = new BackgroundWork();

	private final Scheduler leaseScheduler = Schedulers.newSingle("assistants-run-leases", true);

	private final RunExecutor executor;

	private final RunSweep sweep;

	private final LeaseRenewal leaseRenewal;

	private final Routes routes;

	private final CallerFilter callerFilter;

	private final Ingestion ingestion;

	/** How many expiry checks apart the engine ends the code sessions whose thread is gone or moved on. */
	private static final int CODE_SESSION_CHECKS_APART = 10;

	private AssistantsEngine(Builder builder) {
		Scheduler storeScheduler = (builder.storeScheduler != null) ? builder.storeScheduler
				: (builder.store.blocks() ? Schedulers.boundedElastic() : Schedulers.immediate());
		JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		ApiObjects objects = new ApiObjects(builder.clock);
		RequestReader reader = new RequestReader();
		RunLifecycle lifecycle = new RunLifecycle(builder.store, objects);
		RunLeases leases = new RunLeases(builder.instanceId, builder.runLease);
		EngineListener listener = EngineListeners.of(builder.listeners);
		ExecutionObserver observer = new ExecutionObserver(builder.observations, listener);
		FileOperations files = new FileOperations(builder.store, objects, storeScheduler, builder.maxFileSize);
		FileSearch search = new FileSearch(builder.store, builder.embeddings);
		this.ingestion = new Ingestion(builder.store, objects, builder.textExtractor, search, Schedulers.boundedElastic(),
				this.background, builder.ingestionConcurrency, builder.ingestionLease);
		VectorStoreOperations vectorStores = new VectorStoreOperations(builder.store, objects, reader, files, search,
				this.ingestion::ingestNow);
		ThreadOperations threads = new ThreadOperations(builder.store, objects, reader, vectorStores);
		CodeInterpreterTool codeInterpreter = (builder.codeExecutor != null)
				? new CodeInterpreterTool(builder.store, builder.codeExecutor, files, storeScheduler) : null;
		this.executor = new RunExecutor(builder.store, builder.model, objects, threads, lifecycle, json,
				storeScheduler, builder.runStatePause, builder.modelTimeout, observer, this.background, files,
				new FileSearchTool(builder.store, search, vectorStores), codeInterpreter);
		this.sweep = new RunSweep(builder.store, objects, this.executor, lifecycle, leases, listener, observer);
		this.leaseRenewal = new LeaseRenewal(builder.store, leases, this.executor);
		this.routes = new Routes(new AssistantOperations(builder.store, objects, reader, vectorStores), threads,
				new RunOperations(builder.store, objects, reader, threads, builder.runExpiry, builder.toolTypes, leases),
				this.executor, files, new UploadOperations(builder.store, objects, reader, files, storeScheduler),
				vectorStores, json, storeScheduler, builder.maxRequestSize, builder.pollInterval, listener);
		this.callerFilter = new CallerFilter(builder.apiKeys);
		FileSweep fileSweep = new FileSweep(builder.store, objects, this.background);
		this.background.every(builder.expiryCheckInterval, "expire runs or take over runs whose server stopped",
				storeScheduler, () -> {
					this.sweep.sweep();
					return true;
				});
		this.background.every(builder.expiryCheckInterval, "delete expired files", storeScheduler, () -> {
			fileSweep.sweep();
			return true;
		});
		this.background.every(builder.expiryCheckInterval, "ingest files added to vector stores", storeScheduler,
				() -> {
					this.ingestion.ingestNow();
					return true;
				});
		if (codeInterpreter != null) {
			this.background.every(builder.expiryCheckInterval.multipliedBy(CODE_SESSION_CHECKS_APART),
					"end code sessions whose thread moved on",
					storeScheduler, () -> {
						codeInterpreter.sweep();
						return true;
					});
		}
		// on a thread of their own, so that a queue of requests for the store does not hold them up
		this.background.every(leases.renewInterval(), "renew the leases of the runs executing here",
				this.leaseScheduler, () -> {
					this.leaseRenewal.renew();
					return true;
				});
	}

	/**
	 * Start building an engine.
	 * @param store where the engine keeps the API's objects
	 * @param model what answers the runs
	 * @return a new builder
	 */
	public static Builder builder(AssistantsStore store, AssistantModel model) {
		return new Builder(store, model);
	}

	/**
	 * The API's routes, under {@code /v1}; any other path under it answers 404 in OpenAI's shape.
	 * Beside them, under {@code /console/api}, what a console needs that the API lacks: the
	 * project's threads and runs, listed newest first.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routerFunction() {
		return this.routes.routerFunction();
	}

	/**
	 * The filter every request to the {@linkplain #routerFunction() routes} must pass through first:
	 * it gives the request its {@code x-request-id} and resolves it to its {@link ApiCaller} (the
	 * request's principal from then on), or answers a 401 in OpenAI's shape. The routes refuse a
	 * request that has no caller. Filters that read the caller (such as rate limits) come after it.
	 * @return the filter, for requests under {@code /v1} and {@code /console/api}
	 */
	public WebFilter callerFilter() {
		return this.callerFilter;
	}

	/**
	 * The API as one handler, the {@linkplain #routerFunction() routes} behind the
	 * {@linkplain #callerFilter() caller filter}, for a bare server such as Reactor Netty's.
	 * @return the handler
	 */
	public HttpHandler httpHandler() {
		return RouterFunctions.toHttpHandler(routerFunction(),
				HandlerStrategies.builder().webFilter(this.callerFilter).build());
	}

	/**
	 * Pick up now the runs the store holds as under way whose engine stopped (their lease expired,
	 * or was handed back when the engine closed): a {@code queued} run executes, a run that was
	 * {@code in_progress} ends {@code failed} with {@code server_error} (its model turn was lost
	 * with its engine), a {@code cancelling} run ends {@code cancelled}. Runs that require action
	 * keep waiting for their tool outputs. The engine does this on its own every
	 * {@linkplain Builder#expiryCheckInterval(Duration) check interval}; call it when a server
	 * starts, not to wait for the first.
	 */
	public void resumeInterruptedRuns() {
		this.sweep.takeOverAbandonedRuns();
	}

	/**
	 * End a run that has not stopped as {@code expired}, now: what happens to a run that outlives
	 * its {@code expires_at}. If it executes, its model turn is cancelled.
	 * @param project the project of the run
	 * @param threadId its thread
	 * @param runId the run
	 */
	public void expireRun(String project, String threadId, String runId) {
		this.executor.expire(new RunRef(project, threadId, runId));
	}

	/**
	 * Stop every execution and pending change of a run, and hand back the leases of the runs under
	 * way, so that another engine on the same store (or this one's next start) takes them over at
	 * once instead of when their leases expire.
	 */
	@Override
	public void close() {
		List<String> executing = this.executor.executing();
		this.background.close();
		this.ingestion.handBack();
		this.leaseScheduler.dispose();
		this.leaseRenewal.handBack(executing);
	}

	/**
	 * Builder of {@link AssistantsEngine}.
	 */
	public static final class Builder {

		private final AssistantsStore store;

		private final AssistantModel model;

		private ApiKeys apiKeys = ApiKeys.anyKey("default");

		private Clock clock = Clock.systemUTC();

		private Supplier<Duration> runStatePause = () -> Duration.ZERO;

		private Supplier<Duration> pollInterval = () -> Duration.ofMillis(250);

		private Duration runExpiry = Duration.ofMinutes(10);

		private Duration expiryCheckInterval = Duration.ofSeconds(1);

		private int maxRequestSize = 4 * 1024 * 1024;

		private long maxFileSize = 512L * 1024 * 1024;

		private Duration modelTimeout = Duration.ofMinutes(2);

		private @Nullable Set<String> toolTypes;

		private @Nullable Scheduler storeScheduler;

		private String instanceId = "engine-" + UUID.randomUUID().toString().substring(0, 8);

		private Duration runLease = Duration.ofSeconds(10);

		private final List<EngineListener> listeners = new ArrayList<>();

		private ObservationRegistry observations = ObservationRegistry.NOOP;

		private TextExtractor textExtractor = new PlainTextExtractor();

		private @Nullable Embeddings embeddings;

		private @Nullable CodeExecutor codeExecutor;

		private int ingestionConcurrency = Math.max(1, Runtime.getRuntime().availableProcessors());

		private Duration ingestionLease = Duration.ofMinutes(5);

		private Builder(AssistantsStore store, AssistantModel model) {
			this.store = Objects.requireNonNull(store, "store must not be null");
			this.model = Objects.requireNonNull(model, "model must not be null");
		}

		/**
		 * Set who may call, and in which project; by default every request, with or without a key,
		 * is in the project {@code default}.
		 * @param apiKeys the callers of the API keys
		 * @return this builder
		 */
		public Builder apiKeys(ApiKeys apiKeys) {
			this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys must not be null");
			return this;
		}

		/**
		 * Set the clock of {@code created_at} and the other timestamps.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Set how long a run that is not streamed stays {@code queued}, and then {@code in_progress},
		 * before it moves on, so that a client that polls sees each state; none by default. Read
		 * each time a run starts.
		 * @param pause the pause
		 * @return this builder
		 */
		public Builder runStatePause(Supplier<Duration> pause) {
			this.runStatePause = Objects.requireNonNull(pause, "pause must not be null");
			return this;
		}

		/**
		 * Set the interval clients are asked to poll runs at, sent as {@code openai-poll-after-ms};
		 * 250 ms by default. Read for each answer.
		 * @param interval the interval
		 * @return this builder
		 */
		public Builder pollInterval(Supplier<Duration> interval) {
			this.pollInterval = Objects.requireNonNull(interval, "interval must not be null");
			return this;
		}

		/**
		 * Set how long after its creation a run expires if it has not stopped
		 * ({@code expires_at}); 10 minutes by default.
		 * @param expiry the time
		 * @return this builder
		 */
		public Builder runExpiry(Duration expiry) {
			this.runExpiry = Objects.requireNonNull(expiry, "expiry must not be null");
			return this;
		}

		/**
		 * Set the longest wait for the model's first output of a turn, and between two outputs; a
		 * model that takes longer fails the run with {@code server_error}. 2 minutes by default.
		 * @param timeout the time
		 * @return this builder
		 */
		public Builder modelTimeout(Duration timeout) {
			this.modelTimeout = Objects.requireNonNull(timeout, "timeout must not be null");
			return this;
		}

		/**
		 * Set the types of tool a run may use (such as {@code function}): creating a run with
		 * another type of tool, its own or its assistant's, is answered with a 400. Any type by
		 * default, which the model then never calls.
		 * @param types the tool types
		 * @return this builder
		 */
		public Builder toolTypes(Set<String> types) {
			this.toolTypes = Set.copyOf(types);
			return this;
		}

		/**
		 * Set how often the engine looks for runs past their {@code expires_at} that have not
		 * stopped, to expire them, for runs whose engine stopped, to take them over, and for files
		 * past their {@code expires_at}, to delete them; every second by default. Of the engines on
		 * one store, one does each at a time. Ten times less often, each engine ends its code
		 * sessions whose thread is gone or has moved to another session.
		 * @param interval the interval
		 * @return this builder
		 */
		public Builder expiryCheckInterval(Duration interval) {
			this.expiryCheckInterval = Objects.requireNonNull(interval, "interval must not be null");
			return this;
		}

		/**
		 * Set the ID this engine holds runs by, among the engines that share its store; a random
		 * one by default. Each engine on a store needs its own.
		 * @param instanceId the ID
		 * @return this builder
		 */
		public Builder instanceId(String instanceId) {
			if (instanceId == null || instanceId.isBlank()) {
				throw new IllegalArgumentException("instanceId must not be blank");
			}
			this.instanceId = instanceId;
			return this;
		}

		/**
		 * Set how long the lease on a run this engine executes lasts unless renewed (it renews its
		 * leases three times as often): when this engine stops without closing, another engine on
		 * the store takes its runs over within that time and one
		 * {@linkplain #expiryCheckInterval(Duration) check interval}. 10 seconds by default.
		 * @param lease the duration
		 * @return this builder
		 */
		public Builder runLease(Duration lease) {
			Objects.requireNonNull(lease, "lease must not be null");
			if (lease.isNegative() || lease.isZero()) {
				throw new IllegalArgumentException("runLease must be positive but was " + lease);
			}
			this.runLease = lease;
			return this;
		}

		/**
		 * Add a listener to tell of the runs, model turns and streams, for metrics and health;
		 * listeners are told in the order they were added.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(EngineListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
			return this;
		}

		/**
		 * Set where run executions are observed ({@code assistants.run.execution}, with the status
		 * the run stopped in as {@code assistants.run.status}), for tracing: an execution is a
		 * child of the request that started it (found in the request's Reactor context, where
		 * Spring WebFlux puts it), and the model's own observations (Spring AI's chat model call)
		 * are children of the execution. Not observed by default.
		 * @param observations the observation registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observations) {
			this.observations = Objects.requireNonNull(observations, "observations must not be null");
			return this;
		}

		/**
		 * Set the largest request body accepted; a larger one is answered with a 413. 4 MiB by
		 * default.
		 * @param bytes the size in bytes
		 * @return this builder
		 */
		public Builder maxRequestSize(int bytes) {
			if (bytes < 1) {
				throw new IllegalArgumentException("maxRequestSize must be positive but was " + bytes);
			}
			this.maxRequestSize = bytes;
			return this;
		}

		/**
		 * Set the largest file accepted, by {@code POST /v1/files} or as the sum of an upload's
		 * parts; a larger one is answered with a 413 as its bytes cross the limit (they stream to
		 * the store's blobs, never held whole in memory). 512 MiB by default, as OpenAI allowed.
		 * @param bytes the size in bytes
		 * @return this builder
		 */
		public Builder maxFileSize(long bytes) {
			if (bytes < 1) {
				throw new IllegalArgumentException("maxFileSize must be positive but was " + bytes);
			}
			this.maxFileSize = bytes;
			return this;
		}

		/**
		 * Set what reads the text of the files added to vector stores; by default only UTF-8 text
		 * files are read, others end {@code failed} with {@code unsupported_file}.
		 * @param extractor the text extractor
		 * @return this builder
		 */
		public Builder textExtractor(TextExtractor extractor) {
			this.textExtractor = Objects.requireNonNull(extractor, "extractor must not be null");
			return this;
		}

		/**
		 * Set the embedding model file search compares meanings with, beside keywords, if the store
		 * {@linkplain AssistantsStore#searchesVectors() compares vectors}; without one (the default)
		 * file search ranks by keywords only.
		 * @param embeddings the embedding model
		 * @return this builder
		 */
		public Builder embeddings(Embeddings embeddings) {
			this.embeddings = Objects.requireNonNull(embeddings, "embeddings must not be null");
			return this;
		}

		/**
		 * Set what runs the code of {@code code_interpreter} calls; without one (the default) the
		 * model is never offered the tool, and {@linkplain #toolTypes(Set) tool types} should not
		 * include it.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder codeExecutor(CodeExecutor executor) {
			this.codeExecutor = Objects.requireNonNull(executor, "executor must not be null");
			return this;
		}

		/**
		 * Set how many files this engine ingests at once; as many as the machine has processors by
		 * default.
		 * @param files the files
		 * @return this builder
		 */
		public Builder ingestionConcurrency(int files) {
			if (files < 1) {
				throw new IllegalArgumentException("ingestionConcurrency must be positive but was " + files);
			}
			this.ingestionConcurrency = files;
			return this;
		}

		/**
		 * Set how long this engine holds a file it ingests: when it stops meanwhile, another engine
		 * on the store (or its next start) ingests the file once this time has passed. 5 minutes by
		 * default: longer than the longest ingestion of a file.
		 * @param lease the duration
		 * @return this builder
		 */
		public Builder ingestionLease(Duration lease) {
			Objects.requireNonNull(lease, "lease must not be null");
			if (lease.isNegative() || lease.isZero()) {
				throw new IllegalArgumentException("ingestionLease must be positive but was " + lease);
			}
			this.ingestionLease = lease;
			return this;
		}

		/**
		 * Set where the store is called: by default off the event loop
		 * ({@link Schedulers#boundedElastic()}) for a store that {@linkplain AssistantsStore#blocks()
		 * blocks}, where the request is handled ({@link Schedulers#immediate()}) for one that does
		 * not.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder storeScheduler(Scheduler scheduler) {
			this.storeScheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
			return this;
		}

		/**
		 * Build the engine.
		 * @return the engine
		 */
		public AssistantsEngine build() {
			return new AssistantsEngine(this);
		}

	}

}
