package dev.assistants.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.assistants.engine.AssistantsEngine;
import dev.assistants.store.memory.InMemoryStore;

/**
 * An emulator of the OpenAI Assistants API v2: a real HTTP server on loopback, started and stopped
 * from Java in milliseconds, that implements all 23 operations with the specification's semantics,
 * and the Files, Uploads and Vector stores APIs that {@code file_search} uses (searched by
 * keywords), and keeps its state in memory. It is the project's Assistants engine with the in-memory store and
 * a scriptable model, served by a bare Reactor Netty server: no Spring context.
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

	private static final String PROJECT = "default";

	private final InMemoryStore store = new InMemoryStore();

	private final ScriptedModel model;

	private final AssistantsEngine engine;

	private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	private volatile Duration latency = Duration.ofMillis(100);

	private AssistantsEmulator(int port) {
		this.model = new ScriptedModel(
				(request) -> expire(request.run().threadId(), request.run().id()));
		this.engine = AssistantsEngine.builder(this.store, this.model)
			.runStatePause(() -> this.latency)
			.pollInterval(() -> this.latency)
			.build();
		ReactorHttpHandlerAdapter handler = new ReactorHttpHandlerAdapter(
				RouterFunctions.toHttpHandler(this.engine.routerFunction().filter(this::record),
						HandlerStrategies.builder().webFilter(this.engine.callerFilter()).build()));
		this.server = HttpServer.create().host("127.0.0.1").port(port).handle(handler).bindNow();
	}

	private void expire(String threadId, String runId) {
		this.engine.expireRun(PROJECT, threadId, runId);
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
			this.model.script(turn);
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
		this.store.clear();
		this.model.reset();
		this.requests.clear();
	}

	/**
	 * Stop the server and every pending state change.
	 */
	@Override
	public void close() {
		this.engine.close();
		this.server.disposeNow();
		this.store.close();
	}

	/**
	 * Keep each request, with its body, for {@link #requests()}. A multipart form (a file upload) is
	 * passed on as it arrives and kept without its body, which may be binary and large.
	 */
	private Mono<ServerResponse> record(ServerRequest request, HandlerFunction<ServerResponse> next) {
		boolean multipart = request.headers()
			.contentType()
			.filter(MediaType.MULTIPART_FORM_DATA::isCompatibleWith)
			.isPresent();
		Mono<String> body = multipart ? Mono.just("") : DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()))
			.map((buffer) -> {
				try {
					return buffer.toString(StandardCharsets.UTF_8);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty("");
		return body.flatMap((text) -> {
			Map<String, String> headers = new HashMap<>();
			request.headers()
				.asHttpHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
			String query = request.exchange().getRequest().getURI().getRawQuery();
			String uri = request.exchange().getRequest().getURI().getRawPath() + ((query != null) ? "?" + query : "");
			this.requests.add(new ReceivedRequest(request.method().name(), uri, Map.copyOf(headers), text));
			return next.handle(multipart ? request : ServerRequest.from(request).body(text).build());
		});
	}

}
