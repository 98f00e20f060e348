package dev.assistants.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.NettyOutbound;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.client.AssistantsJson;
import dev.assistants.emulator.EmulatorState.Event;

/**
 * An emulator of the OpenAI Assistants API v2: a real HTTP server on loopback, started and stopped
 * from Java in milliseconds, that implements all 23 operations with the specification's semantics
 * and keeps its state in memory.
 * <p>
 * Runs go through a real lifecycle: a run answered as {@code queued} moves to {@code in_progress}
 * and then to {@code completed}, {@code requires_action} or {@code failed} on a timer
 * ({@link #latency(Duration)}), so polling clients see the states over time; with
 * {@code stream: true} the same lifecycle is sent as server-sent events, ending with {@code done}.
 * What the model does is deterministic (see {@link #script(ModelTurn...)}): unless scripted, it
 * calls a function of the assistant whose name's words all appear in the user's last message, then
 * reports the outputs; otherwise it echoes the message.
 * <pre class="code">
 * try (AssistantsEmulator emulator = AssistantsEmulator.start()) {
 *     AssistantsOperations client = AssistantsTemplate.builder().baseUrl(emulator.baseUrl()).build();
 *     emulator.script(ModelTurn.reply("Hello!"));
 *     ...
 * }
 * </pre>
 */
public final class AssistantsEmulator implements AutoCloseable {

	private static final String BASE_PATH = "/v1";

	private final JsonMapper json = AssistantsJson.createMapper();

	private final EmulatorState state = new EmulatorState(Clock.systemUTC());

	private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();

	private final Disposable.Composite scheduled = Disposables.composite();

	private final DisposableServer server;

	private volatile Duration latency = Duration.ofMillis(100);

	private AssistantsEmulator(int port) {
		this.server = HttpServer.create().host("127.0.0.1").port(port).route(this::routes).bindNow();
	}

	/**
	 * Start an emulator on a free port of the loopback interface.
	 * @return the running emulator
	 */
	public static AssistantsEmulator start() {
		return start(0);
	}

	/**
	 * Start an emulator on the given port of the loopback interface.
	 * @param port the port, or 0 for a free one
	 * @return the running emulator
	 */
	public static AssistantsEmulator start(int port) {
		return new AssistantsEmulator(port);
	}

	/**
	 * The base URL to give a client, such as {@code http://127.0.0.1:51234/v1}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port() + BASE_PATH;
	}

	/**
	 * The port the emulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Queue what the model does in its next turns, in order, before it falls back to its default
	 * behaviour. A turn is taken when a run starts and after each submission of tool outputs.
	 * @param turns the turns
	 * @return this emulator
	 */
	public AssistantsEmulator script(ModelTurn... turns) {
		for (ModelTurn turn : turns) {
			this.state.script(turn);
		}
		return this;
	}

	/**
	 * Set how long a run stays in each state before it moves on, for polling clients; 100 ms by
	 * default. Streamed runs are not delayed but by scripted turns.
	 * @param latency the time between two states
	 * @return this emulator
	 */
	public AssistantsEmulator latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/**
	 * The requests received so far, oldest first.
	 * @return the requests
	 */
	public List<ReceivedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Forget every object, scripted turn and received request.
	 */
	public void reset() {
		this.state.reset();
		this.requests.clear();
	}

	/**
	 * Stop the server and every pending state change.
	 */
	@Override
	public void close() {
		this.scheduled.dispose();
		this.server.disposeNow();
	}

	private void routes(HttpServerRoutes routes) {
		routes.get(BASE_PATH + "/assistants", json((call) -> this.state.listAssistants(call.query())))
			.post(BASE_PATH + "/assistants", json((call) -> this.state.createAssistant(call.body())))
			.get(BASE_PATH + "/assistants/{assistantId}",
					json((call) -> this.state.getAssistant(call.param("assistantId"))))
			.post(BASE_PATH + "/assistants/{assistantId}",
					json((call) -> this.state.modifyAssistant(call.param("assistantId"), call.body())))
			.delete(BASE_PATH + "/assistants/{assistantId}",
					json((call) -> this.state.deleteAssistant(call.param("assistantId"))))
			.post(BASE_PATH + "/threads", json((call) -> this.state.createThread(call.body())))
			.post(BASE_PATH + "/threads/runs", run((call) -> this.state.createThreadAndRun(call.body())))
			.get(BASE_PATH + "/threads/{threadId}", json((call) -> this.state.getThread(call.param("threadId"))))
			.post(BASE_PATH + "/threads/{threadId}",
					json((call) -> this.state.modifyThread(call.param("threadId"), call.body())))
			.delete(BASE_PATH + "/threads/{threadId}",
					json((call) -> this.state.deleteThread(call.param("threadId"))))
			.get(BASE_PATH + "/threads/{threadId}/messages",
					json((call) -> this.state.listMessages(call.param("threadId"), call.query())))
			.post(BASE_PATH + "/threads/{threadId}/messages",
					json((call) -> this.state.createMessage(call.param("threadId"), call.body())))
			.get(BASE_PATH + "/threads/{threadId}/messages/{messageId}",
					json((call) -> this.state.getMessage(call.param("threadId"), call.param("messageId"))))
			.post(BASE_PATH + "/threads/{threadId}/messages/{messageId}", json((call) -> this.state
				.modifyMessage(call.param("threadId"), call.param("messageId"), call.body())))
			.delete(BASE_PATH + "/threads/{threadId}/messages/{messageId}",
					json((call) -> this.state.deleteMessage(call.param("threadId"), call.param("messageId"))))
			.get(BASE_PATH + "/threads/{threadId}/runs",
					json((call) -> this.state.listRuns(call.param("threadId"), call.query())))
			.post(BASE_PATH + "/threads/{threadId}/runs",
					run((call) -> this.state.createRun(call.param("threadId"), call.body())))
			.get(BASE_PATH + "/threads/{threadId}/runs/{runId}",
					json((call) -> this.state.getRun(call.param("threadId"), call.param("runId"))))
			.post(BASE_PATH + "/threads/{threadId}/runs/{runId}",
					json((call) -> this.state.modifyRun(call.param("threadId"), call.param("runId"), call.body())))
			.post(BASE_PATH + "/threads/{threadId}/runs/{runId}/cancel", json(this::cancelRun))
			.post(BASE_PATH + "/threads/{threadId}/runs/{runId}/submit_tool_outputs", run((call) -> this.state
				.submitToolOutputs(call.param("threadId"), call.param("runId"), call.body())))
			.get(BASE_PATH + "/threads/{threadId}/runs/{runId}/steps", json((call) -> this.state
				.listRunSteps(call.param("threadId"), call.param("runId"), call.query())))
			.get(BASE_PATH + "/threads/{threadId}/runs/{runId}/steps/{stepId}", json((call) -> this.state
				.getRunStep(call.param("threadId"), call.param("runId"), call.param("stepId"))))
			.route((request) -> true, (request, response) -> error(response,
					new EmulatorException(404, "Invalid URL (" + request.method() + " " + request.uri() + ")", null)));
	}

	private JsonNode cancelRun(Call call) {
		ObjectNode run = this.state.cancelRun(call.param("threadId"), call.param("runId"));
		later(this.latency, () -> this.state.finishCancelling(call.param("threadId"), call.param("runId")));
		return run;
	}

	/** An operation that answers with one JSON object. */
	private Handler json(Function<Call, JsonNode> operation) {
		return (request, response) -> receive(request).flatMap((call) -> {
			try {
				return Mono.from(send(response, 200, operation.apply(call)));
			}
			catch (EmulatorException ex) {
				return Mono.from(error(response, ex));
			}
		});
	}

	/**
	 * An operation that starts or resumes a run: the run as it was created, then its lifecycle on a
	 * timer; or, with {@code stream: true}, the whole lifecycle as server-sent events.
	 */
	private Handler run(Function<Call, List<Event>> operation) {
		return (request, response) -> receive(request).flatMap((call) -> {
			List<Event> events;
			try {
				events = operation.apply(call);
			}
			catch (EmulatorException ex) {
				return Mono.from(error(response, ex));
			}
			JsonNode run = events.stream()
				.filter((event) -> event.name().startsWith("thread.run.") && !event.name().startsWith("thread.run.step"))
				.reduce((first, second) -> second)
				.orElseThrow()
				.data();
			String threadId = run.path("thread_id").asString();
			String runId = run.path("id").asString();
			if (call.streamed()) {
				return Mono.from(stream(response, events, threadId, runId));
			}
			later(this.latency, () -> this.state.startRun(threadId, runId));
			return Mono.from(send(response, 200, EmulatorState.publicView((ObjectNode) run)))
				.doOnSuccess((done) -> takeTurnLater(threadId, runId));
		});
	}

	private void takeTurnLater(String threadId, String runId) {
		later(this.latency.multipliedBy(2), () -> {
			ModelTurn turn = this.state.nextTurn(threadId, runId);
			later(turn.delay(), () -> this.state.takeTurn(threadId, runId, turn));
			return List.of();
		});
	}

	private NettyOutbound stream(HttpServerResponse response, List<Event> created, String threadId, String runId) {
		Flux<Event> lifecycle = Flux.defer(() -> {
			List<Event> started = this.state.startRun(threadId, runId);
			ModelTurn turn = this.state.nextTurn(threadId, runId);
			return Flux.fromIterable(started)
				.concatWith(Mono.delay(turn.delay())
					.flatMapMany((tick) -> Flux.fromIterable(this.state.takeTurn(threadId, runId, turn))));
		});
		Flux<String> frames = Flux.fromIterable(created)
			.concatWith(lifecycle)
			.map((event) -> "event: " + event.name() + "\ndata: " + event.data() + "\n\n")
			.concatWith(Mono.just("event: done\ndata: [DONE]\n\n"));
		return response.status(200)
			.header("Content-Type", "text/event-stream")
			.header("x-request-id", requestId())
			.sendString(frames);
	}

	private void later(Duration delay, Supplier<List<Event>> change) {
		this.scheduled.add(Mono.delay(delay).subscribe((tick) -> {
			try {
				change.get();
			}
			catch (EmulatorException ex) {
				// the object is gone (deleted meanwhile): nothing left to change
			}
		}));
	}

	private Mono<Call> receive(HttpServerRequest request) {
		return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").map((body) -> {
			Map<String, String> headers = new HashMap<>();
			request.requestHeaders().forEach((header) -> headers.put(header.getKey().toLowerCase(Locale.ROOT),
					header.getValue()));
			this.requests.add(new ReceivedRequest(request.method().name(), request.uri(), Map.copyOf(headers), body));
			return new Call(request, body);
		});
	}

	private NettyOutbound send(HttpServerResponse response, int status, JsonNode body) {
		return response.status(status)
			.header("Content-Type", "application/json")
			.header("x-request-id", requestId())
			.header("openai-poll-after-ms", String.valueOf(this.latency.toMillis()))
			.sendString(Mono.just(this.json.writeValueAsString(body)));
	}

	private NettyOutbound error(HttpServerResponse response, EmulatorException ex) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.putObject("error")
			.put("message", ex.getMessage())
			.put("type", ex.type())
			.put("param", ex.param())
			.putNull("code");
		return send(response, ex.status(), body);
	}

	private static String requestId() {
		return "req_" + UUID.randomUUID().toString().replace("-", "");
	}

	@FunctionalInterface
	private interface Handler extends BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	}

	/**
	 * One received request: its path parameters, query and body.
	 */
	private final class Call {

		private final HttpServerRequest request;

		private final String body;

		Call(HttpServerRequest request, String body) {
			this.request = request;
			this.body = body;
		}

		String param(String name) {
			String value = this.request.param(name);
			return (value != null) ? URLDecoder.decode(value, StandardCharsets.UTF_8) : "";
		}

		Map<String, String> query() {
			Map<String, String> query = new HashMap<>();
			new QueryStringDecoder(this.request.uri()).parameters()
				.forEach((name, values) -> query.put(name, values.get(0)));
			return query;
		}

		String body() {
			return this.body;
		}

		boolean streamed() {
			if (this.body.isBlank()) {
				return false;
			}
			JsonNode stream = AssistantsEmulator.this.json.readTree(this.body).get("stream");
			return stream != null && stream.asBoolean(false);
		}

	}

}
