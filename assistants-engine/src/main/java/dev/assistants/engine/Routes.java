package dev.assistants.engine;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.engine.store.StoreUnavailableException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The HTTP side of the engine: the API's routes under {@code /v1} (the 23 Assistants operations,
 * files, uploads and vector stores), in the caller's project,
 * the bounded request body, and answers as JSON, as server-sent events for a streamed run, or as an
 * error in OpenAI's shape.
 */
final class Routes {

	private static final Log logger = LogFactory.getLog(Routes.class);

	/** Where the console's own API is: what the Assistants API lacks for a console (listing threads and runs). */
	static final String CONSOLE_PATH = "/console/api";

	private static final MediaType EVENT_STREAM = new MediaType("text", "event-stream", StandardCharsets.UTF_8);

	private static final List<String> INCLUDES = List.of("step_details.tool_calls[*].file_search.results[*].content");

	private final JsonMapper json;

	private final AssistantOperations assistants;

	private final ThreadOperations threads;

	private final RunOperations runs;

	private final RunExecutor executor;

	private final FileOperations files;

	private final UploadOperations uploads;

	private final VectorStoreOperations vectorStores;

	private final Scheduler scheduler;

	private final int maxRequestSize;

	private final Supplier<Duration> pollInterval;

	private final EngineListener listener;

	Routes(AssistantOperations assistants, ThreadOperations threads, RunOperations runs, RunExecutor executor,
			FileOperations files, UploadOperations uploads, VectorStoreOperations vectorStores, JsonMapper json,
			Scheduler scheduler, int maxRequestSize, Supplier<Duration> pollInterval, EngineListener listener) {
		this.listener = listener;
		this.assistants = assistants;
		this.threads = threads;
		this.runs = runs;
		this.executor = executor;
		this.files = files;
		this.uploads = uploads;
		this.vectorStores = vectorStores;
		this.json = json;
		this.scheduler = scheduler;
		this.maxRequestSize = maxRequestSize;
		this.pollInterval = pollInterval;
	}

	RouterFunction<ServerResponse> routerFunction() {
		// flat, not nested under /v1: a nested route parses and merges path patterns on every request
		return RouterFunctions.route()
			.GET("/v1/assistants", json((call) -> this.assistants.list(call.project(), call.query())))
			.POST("/v1/assistants", json((call) -> this.assistants.create(call.project(), call.body())))
			.GET("/v1/assistants/{assistant_id}",
					json((call) -> this.assistants.get(call.project(), call.param("assistant_id"))))
			.POST("/v1/assistants/{assistant_id}", json((call) -> this.assistants.modify(call.project(),
					call.param("assistant_id"), call.body())))
			.DELETE("/v1/assistants/{assistant_id}",
					json((call) -> this.assistants.delete(call.project(), call.param("assistant_id"))))
			.POST("/v1/threads", json((call) -> this.threads.create(call.project(), call.body())))
			.POST("/v1/threads/runs", run((call) -> this.runs.createThreadAndRun(call.project(), call.body())))
			.GET("/v1/threads/{thread_id}", json((call) -> this.threads.get(call.project(), call.param("thread_id"))))
			.POST("/v1/threads/{thread_id}",
					json((call) -> this.threads.modify(call.project(), call.param("thread_id"), call.body())))
			.DELETE("/v1/threads/{thread_id}",
					json((call) -> this.threads.delete(call.project(), call.param("thread_id"))))
			.GET("/v1/threads/{thread_id}/messages", json((call) -> this.threads.listMessages(call.project(),
					call.param("thread_id"), call.query())))
			.POST("/v1/threads/{thread_id}/messages", json((call) -> this.threads.createMessage(call.project(),
					call.param("thread_id"), call.body())))
			.GET("/v1/threads/{thread_id}/messages/{message_id}", json((call) -> this.threads
				.getMessage(call.project(), call.param("thread_id"), call.param("message_id"))))
			.POST("/v1/threads/{thread_id}/messages/{message_id}", json((call) -> this.threads.modifyMessage(
					call.project(), call.param("thread_id"), call.param("message_id"), call.body())))
			.DELETE("/v1/threads/{thread_id}/messages/{message_id}", json((call) -> this.threads
				.deleteMessage(call.project(), call.param("thread_id"), call.param("message_id"))))
			.GET("/v1/threads/{thread_id}/runs",
					json((call) -> this.runs.list(call.project(), call.param("thread_id"), call.query())))
			.POST("/v1/threads/{thread_id}/runs", run((call) -> this.runs.create(call.project(),
					call.param("thread_id"), call.body())))
			.GET("/v1/threads/{thread_id}/runs/{run_id}",
					json((call) -> this.runs.get(call.project(), call.param("thread_id"), call.param("run_id"))))
			.POST("/v1/threads/{thread_id}/runs/{run_id}", json((call) -> this.runs.modify(call.project(),
					call.param("thread_id"), call.param("run_id"), call.body())))
			.POST("/v1/threads/{thread_id}/runs/{run_id}/cancel", json(this::cancel))
			.POST("/v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", run((call) -> this.runs
				.submitToolOutputs(call.project(), call.param("thread_id"), call.param("run_id"), call.body())))
			.GET("/v1/threads/{thread_id}/runs/{run_id}/steps", json((call) -> this.runs.listSteps(call.project(),
					call.param("thread_id"), call.param("run_id"), call.query(), call.resultContents())))
			.GET("/v1/threads/{thread_id}/runs/{run_id}/steps/{step_id}", json((call) -> this.runs.getStep(
					call.project(), call.param("thread_id"), call.param("run_id"), call.param("step_id"),
					call.resultContents())))
			.POST("/v1/files", multipart((call, parts) -> this.files.create(call.project(), parts)))
			.GET("/v1/files", json((call) -> this.files.list(call.project(), call.query())))
			.GET("/v1/files/{file_id}", json((call) -> this.files.get(call.project(), call.param("file_id"))))
			.DELETE("/v1/files/{file_id}", async((call) -> this.files.delete(call.project(), call.param("file_id"))))
			.GET("/v1/files/{file_id}/content", this::fileContent)
			.POST("/v1/uploads", json((call) -> this.uploads.create(call.project(), call.body())))
			.POST("/v1/uploads/{upload_id}/parts", multipart((call, parts) -> this.uploads.addPart(call.project(),
					call.param("upload_id"), parts)))
			.POST("/v1/uploads/{upload_id}/complete", async((call) -> this.uploads.complete(call.project(),
					call.param("upload_id"), call.body())))
			.POST("/v1/uploads/{upload_id}/cancel",
					async((call) -> this.uploads.cancel(call.project(), call.param("upload_id"))))
			.GET("/v1/vector_stores", json((call) -> this.vectorStores.list(call.project(), call.query())))
			.POST("/v1/vector_stores", json((call) -> this.vectorStores.create(call.project(), call.body())))
			.GET("/v1/vector_stores/{vector_store_id}",
					json((call) -> this.vectorStores.get(call.project(), call.param("vector_store_id"))))
			.POST("/v1/vector_stores/{vector_store_id}", json((call) -> this.vectorStores.modify(call.project(),
					call.param("vector_store_id"), call.body())))
			.DELETE("/v1/vector_stores/{vector_store_id}",
					json((call) -> this.vectorStores.delete(call.project(), call.param("vector_store_id"))))
			.POST("/v1/vector_stores/{vector_store_id}/search", json((call) -> this.vectorStores
				.search(call.project(), call.param("vector_store_id"), call.body())))
			.GET("/v1/vector_stores/{vector_store_id}/files", json((call) -> this.vectorStores
				.listFiles(call.project(), call.param("vector_store_id"), call.query())))
			.POST("/v1/vector_stores/{vector_store_id}/files", json((call) -> this.vectorStores
				.createFile(call.project(), call.param("vector_store_id"), call.body())))
			.GET("/v1/vector_stores/{vector_store_id}/files/{file_id}", json((call) -> this.vectorStores
				.getFile(call.project(), call.param("vector_store_id"), call.param("file_id"))))
			.POST("/v1/vector_stores/{vector_store_id}/files/{file_id}", json((call) -> this.vectorStores
				.updateFileAttributes(call.project(), call.param("vector_store_id"), call.param("file_id"),
						call.body())))
			.DELETE("/v1/vector_stores/{vector_store_id}/files/{file_id}", json((call) -> this.vectorStores
				.deleteFile(call.project(), call.param("vector_store_id"), call.param("file_id"))))
			.GET("/v1/vector_stores/{vector_store_id}/files/{file_id}/content", json((call) -> this.vectorStores
				.fileContent(call.project(), call.param("vector_store_id"), call.param("file_id"))))
			.POST("/v1/vector_stores/{vector_store_id}/file_batches", json((call) -> this.vectorStores
				.createBatch(call.project(), call.param("vector_store_id"), call.body())))
			.GET("/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}", json((call) -> this.vectorStores
				.getBatch(call.project(), call.param("vector_store_id"), call.param("batch_id"))))
			.POST("/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel", json((call) -> this.vectorStores
				.cancelBatch(call.project(), call.param("vector_store_id"), call.param("batch_id"))))
			.GET("/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}/files", json((call) -> this.vectorStores
				.listBatchFiles(call.project(), call.param("vector_store_id"), call.param("batch_id"),
						call.query())))
			.GET(CONSOLE_PATH + "/threads", json((call) -> this.threads.list(call.project(), call.query())))
			.GET(CONSOLE_PATH + "/runs", json((call) -> this.runs.listAll(call.project(), call.query())))
			.route(RequestPredicates.path("/v1/**"), (request) -> error(new ApiException(404,
					"Invalid URL (" + request.method() + " " + request.path() + ")", null, null), request))
			.build();
	}

	private ObjectNode cancel(Call call) {
		ObjectNode run = this.runs.cancel(call.project(), call.param("thread_id"), call.param("run_id"));
		this.executor.cancel(RunRef.of(call.project(), run), run);
		return run;
	}

	/** An operation that answers with one JSON object. */
	private HandlerFunction<ServerResponse> json(Function<Call, ObjectNode> operation) {
		return (request) -> call(request)
			.flatMap((call) -> Mono.fromCallable(() -> operation.apply(call)).subscribeOn(this.scheduler))
			.flatMap((body) -> respond(200, body))
			.onErrorResume((ex) -> error(ex, request));
	}

	/** An operation that answers with one JSON object when its work, which may stream, is done. */
	private HandlerFunction<ServerResponse> async(Function<Call, Mono<ObjectNode>> operation) {
		return (request) -> call(request).flatMap((call) -> Mono.defer(() -> operation.apply(call)))
			.flatMap((body) -> respond(200, body))
			.onErrorResume((ex) -> error(ex, request));
	}

	/**
	 * An operation on a {@code multipart/form-data} body, whose parts it reads as they stream: the
	 * body is not read before the operation, nor bounded by the request size (the operation bounds
	 * its files).
	 */
	private HandlerFunction<ServerResponse> multipart(BiFunction<Call, Flux<PartEvent>, Mono<ObjectNode>> operation) {
		return (request) -> caller(request).flatMap((caller) -> {
			MediaType type = request.headers().contentType().orElse(null);
			if (type == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
				return Mono.error(ApiException.invalid("Invalid Content-Type header (" + type + "), expected "
						+ "multipart/form-data.", null, "invalid_content_type"));
			}
			return operation.apply(new Call(request, caller.project(), ""), request.bodyToFlux(PartEvent.class));
		}).flatMap((body) -> respond(200, body)).onErrorResume((ex) -> error(ex, request));
	}

	/** A file's bytes, streamed from where they are kept, with the content type it was uploaded with. */
	private Mono<ServerResponse> fileContent(ServerRequest request) {
		return caller(request).flatMap((caller) -> this.files.content(caller.project(), request.pathVariable("file_id")))
			.flatMap((file) -> ServerResponse.ok()
				.contentType(file.contentType())
				.contentLength(file.bytes())
				.body(BodyInserters.fromDataBuffers(file.content())))
			.onErrorResume((ex) -> error(ex, request));
	}

	/**
	 * An operation that starts or resumes a run: the run as it is now, executed in the background,
	 * or with {@code stream: true} the run's events as they happen.
	 */
	private HandlerFunction<ServerResponse> run(Function<Call, RunStart> operation) {
		return (request) -> call(request)
			.flatMap((call) -> Mono.fromCallable(() -> operation.apply(call)).subscribeOn(this.scheduler))
			.flatMap((start) -> Mono.deferContextual((context) -> {
				// the request's observation, which WebFlux puts in the context: the execution's parent
				Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
				Flux<RunEvent> execution = this.executor.execute(start.run(), start.streamed(), observation);
				boolean contents = resultContents(request);
				return start.streamed() ? stream(Flux.fromIterable(start.events()).concatWith(execution)
					.map((event) -> event.name().startsWith("thread.run.step.")
							&& !event.name().equals("thread.run.step.delta")
							? new RunEvent(event.name(), RunOperations.stepView(event.data(), contents)) : event), request)
						: respond(200, start.object());
			}))
			.onErrorResume((ex) -> error(ex, request));
	}

	private Mono<ServerResponse> stream(Flux<RunEvent> events, ServerRequest request) {
		Flux<byte[]> frames = events.map((event) -> frame(event.name(), this.json.writeValueAsString(event.data())))
			.concatWith(Mono.fromSupplier(() -> frame("done", "[DONE]")))
			.onErrorResume((ex) -> Mono.fromSupplier(() -> frame("error", this.json
				.writeValueAsString(unexpected(ex, request).body().get("error")))))
			.doOnSubscribe((subscription) -> this.listener.streamOpened())
			.doFinally((signal) -> this.listener.streamClosed());
		// the server flushes when no further event is ready: each event as it happens, a burst at once
		return ServerResponse.ok()
			.contentType(EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.body((response, context) -> response.writeWith(frames.map((frame) -> response.bufferFactory().wrap(frame))));
	}

	private static byte[] frame(String event, String data) {
		return ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	private Mono<ServerResponse> respond(int status, ObjectNode body) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.header("openai-poll-after-ms", String.valueOf(this.pollInterval.get().toMillis()))
			.bodyValue(this.json.writeValueAsBytes(body));
	}

	private Mono<ServerResponse> error(Throwable ex, ServerRequest request) {
		ApiException error = (ex instanceof ApiException known) ? known : unexpected(ex, request);
		return respond(error.status(), error.body());
	}

	private static ApiException unexpected(Throwable ex, ServerRequest request) {
		if (ex instanceof ApiException known) {
			return known;
		}
		Object requestId = request.attributes().get(CallerFilter.REQUEST_ID);
		if (ex instanceof StoreUnavailableException) {
			logger.debug("Request " + requestId + " (" + request.method() + " " + request.path()
					+ ") found the store unavailable", ex);
			return new ApiException(503, "The server cannot reach its database right now. Please retry your "
					+ "request in a moment (request ID " + requestId + ").", null, null);
		}
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			// nobody to answer, and nothing wrong with the server
			logger.debug("Request " + requestId + " (" + request.method() + " " + request.path()
					+ ") ended: its client disconnected", ex);
		}
		else {
			logger.error("Request " + requestId + " (" + request.method() + " " + request.path() + ") failed", ex);
		}
		return new ApiException(500, "The server had an error while processing your request. Sorry about that! "
				+ "You can retry your request, or contact us if the error persists (request ID " + requestId + ").",
				null, null);
	}

	/**
	 * Who calls, and with what: the caller, the path, the query and the body, which must be UTF-8
	 * and at most the request size.
	 */
	private Mono<Call> call(ServerRequest request) {
		if (request.method() == HttpMethod.GET || request.method() == HttpMethod.DELETE) {
			// no operation reads the body of these; answering before it has arrived needs Reactor Netty
			// 1.3.8 or later, which keeps reading the connection (reactor/reactor-netty#4361)
			return caller(request).map((caller) -> new Call(request, caller.project(), ""));
		}
		return caller(request)
			.flatMap((caller) -> DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), this.maxRequestSize)
				.map(Routes::utf8)
				.defaultIfEmpty("")
				.onErrorMap(DataBufferLimitException.class, (ex) -> new ApiException(413,
						"The request body is too large: this server accepts at most " + this.maxRequestSize + " bytes.",
						null, "request_too_large"))
				.map((body) -> new Call(request, caller.project(), body)));
	}

	/**
	 * The caller, as {@link CallerFilter} resolved it: a request it did not pass through has none,
	 * and is refused.
	 */
	private static Mono<ApiCaller> caller(ServerRequest request) {
		return request.principal()
			.ofType(ApiCaller.class)
			.switchIfEmpty(Mono.error(() -> new ApiException(401, "You didn't provide an API key.", null, null)))
			.doOnNext((caller) -> checkIncludes(request));
	}

	/** The body as text; bytes that are not UTF-8 are refused, never replaced. */
	private static String utf8(DataBuffer buffer) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(Buffers.take(buffer)))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw ApiException.invalid("We could not parse the JSON body of your request: it is not valid UTF-8. "
					+ "The API expects a JSON payload.", null);
		}
	}

	/** Whether the request asks for the content of file search results. */
	private static boolean resultContents(ServerRequest request) {
		return request.queryParams().getOrDefault("include[]", List.of()).contains(INCLUDES.get(0));
	}

	/** {@code include[]} takes the one value the specification lists. */
	private static void checkIncludes(ServerRequest request) {
		for (String include : request.queryParams().getOrDefault("include[]", List.of())) {
			if (!INCLUDES.contains(include)) {
				throw ApiException.invalid("Invalid value for 'include[]': '" + include + "'. Supported values are: '"
						+ INCLUDES.get(0) + "'.", "include[]", "invalid_value");
			}
		}
	}

	/**
	 * One request: the caller's project, and what it sent.
	 */
	private record Call(ServerRequest request, String project, String body) {

		String param(String name) {
			return this.request.pathVariable(name);
		}

		boolean resultContents() {
			return Routes.resultContents(this.request);
		}

		Map<String, String> query() {
			Map<String, String> query = new HashMap<>();
			this.request.queryParams().forEach((name, values) -> query.put(name, values.get(0)));
			return query;
		}

	}

}
