package dev.assistants.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A fast local server with canned answers, so that the client is what is measured: a ~2 KB run, a
 * message, a page of 20 messages with annotations, a run stream of 10,000 message deltas, and, as a
 * model's OpenAI-compatible endpoint, a Chat Completions stream of 1,000 tokens (of one token for the
 * model {@value #ONE_TOKEN_MODEL}).
 */
final class BenchmarkServer implements AutoCloseable {

	static final int DELTAS = 10_000;

	/** The events of the run stream: the deltas and 8 lifecycle events, {@code done} excluded. */
	static final int STREAM_EVENTS = DELTAS + 8;

	/** The tokens of the model's stream, each a chunk of its own. */
	static final int MODEL_TOKENS = 1_000;

	/** The model whose stream holds one token only. */
	static final String ONE_TOKEN_MODEL = "one-token";

	static final String RUN = """
			{"id":"run_abc123","object":"thread.run","created_at":1699063290,"thread_id":"thread_abc123",
			"assistant_id":"asst_abc123","status":"completed","required_action":null,"last_error":null,
			"expires_at":null,"started_at":1699063290,"cancelled_at":null,"failed_at":null,"completed_at":1699063291,
			"incomplete_details":null,"model":"gpt-4o","instructions":"You are a helpful shop assistant. Look up orders with the order_status tool, answer in the customer's language, be brief and friendly, and never invent an order status: when a lookup fails, say so and offer to hand the conversation to a person.",
			"tools":[{"type":"code_interpreter"},{"type":"file_search","file_search":{"max_num_results":20,"ranking_options":{"ranker":"auto","score_threshold":0.5}}},
			{"type":"function","function":{"name":"order_status","description":"Looks up the status of an order by its ID",
			"parameters":{"type":"object","properties":{"order_id":{"type":"string","description":"The order's ID"},
			"include_items":{"type":"boolean"}},"required":["order_id"],"additionalProperties":false},"strict":true}}],
			"metadata":{"customer":"c_123456","channel":"web","session":"s_abcdef0123456789"},
			"usage":{"prompt_tokens":123,"completion_tokens":456,"total_tokens":579},"temperature":1.0,"top_p":1.0,
			"max_prompt_tokens":1000,"max_completion_tokens":1000,"truncation_strategy":{"type":"auto","last_messages":null},
			"response_format":"auto","tool_choice":"auto","parallel_tool_calls":true}""".replace("\n", "");

	static final String MESSAGE = """
			{"id":"msg_abc123","object":"thread.message","created_at":1713226573,"assistant_id":"asst_abc123",
			"thread_id":"thread_abc123","run_id":"run_abc123","role":"assistant","status":"completed",
			"incomplete_details":null,"completed_at":1713226580,"incomplete_at":null,
			"content":[{"type":"text","text":{"value":"Your order 42 shipped yesterday and arrives tomorrow, see the tracking note 【4:0†source】.",
			"annotations":[{"type":"file_citation","text":"【4:0†source】","file_citation":{"file_id":"file-abc123"},"start_index":74,"end_index":86}]}}],
			"attachments":[],"metadata":{}}""".replace("\n", "");

	static final String MESSAGES = "{\"object\":\"list\",\"data\":["
			+ IntStream.range(0, 20).mapToObj((i) -> MESSAGE.replace("msg_abc123", "msg_" + i)).collect(Collectors.joining(","))
			+ "],\"first_id\":\"msg_0\",\"last_id\":\"msg_19\",\"has_more\":false}";

	/** The thread whose run streams {@link #STREAM_EVENTS} events. */
	static final String LONG_RUN = "thread_abc123";

	/** The thread whose run streams three events, as a run answered at once does. */
	static final String SHORT_RUN = "thread_short";

	/**
	 * The thread whose run streams its first {@value #HELD_RUN_EVENTS} events and then holds the
	 * stream open, as a run waiting for its model does.
	 */
	static final String HELD_RUN = "thread_held";

	static final int HELD_RUN_EVENTS = 2;

	private static final byte[] STREAM = stream().getBytes(StandardCharsets.UTF_8);

	private static final byte[] SHORT_STREAM = shortStream().getBytes(StandardCharsets.UTF_8);

	private static final byte[] HELD_STREAM = heldStream().getBytes(StandardCharsets.UTF_8);

	private static final byte[] MODEL_STREAM = modelStream(MODEL_TOKENS).getBytes(StandardCharsets.UTF_8);

	private static final byte[] ONE_TOKEN_STREAM = modelStream(1).getBytes(StandardCharsets.UTF_8);

	private final DisposableServer server;

	BenchmarkServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.get("/v1/threads/{threadId}/runs/{runId}", (request, response) -> json(response, RUN))
				.get("/v1/threads/{threadId}/messages", (request, response) -> json(response, MESSAGES))
				.post("/v1/threads/{threadId}/messages",
						(request, response) -> request.receive().then(Mono.from(json(response, MESSAGE))))
				.post("/v1/threads/{threadId}/runs", (request, response) -> request.receive()
					.then(Mono.from(response.header("Content-Type", "text/event-stream")
						.send(runStream(request.param("threadId"))))))
				.post("/v1/chat/completions", (request, response) -> request.receive()
					.aggregate()
					.asString()
					.flatMap((body) -> Mono.from(response.header("Content-Type", "text/event-stream")
						.send(body.contains("\"model\":\"" + ONE_TOKEN_MODEL + "\"")
								? Mono.just(slice(ONE_TOKEN_STREAM, 0, 1))
								: Flux.range(0, 16).map((chunk) -> slice(MODEL_STREAM, chunk, 16)))))))
			.bindNow();
	}

	/**
	 * Start a server, print its base URL and serve until standard input closes.
	 */
	public static void main(String[] args) throws IOException {
		try (BenchmarkServer server = new BenchmarkServer()) {
			System.out.println(server.baseUrl());
			System.out.flush();
			while (System.in.read() != -1) {
				// serve until the benchmark that started this process ends it
			}
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	private static reactor.netty.NettyOutbound json(reactor.netty.http.server.HttpServerResponse response,
			String body) {
		return response.header("Content-Type", "application/json").sendString(Mono.just(body));
	}

	private static Publisher<ByteBuf> runStream(@Nullable String threadId) {
		if (SHORT_RUN.equals(threadId)) {
			return Mono.just(Unpooled.wrappedBuffer(SHORT_STREAM));
		}
		if (HELD_RUN.equals(threadId)) {
			return Flux.just(Unpooled.wrappedBuffer(HELD_STREAM)).concatWith(Flux.never());
		}
		return Flux.range(0, 16).map((chunk) -> slice(STREAM, chunk, 16));
	}

	private static ByteBuf slice(byte[] stream, int chunk, int chunks) {
		int size = (stream.length + chunks - 1) / chunks;
		int from = chunk * size;
		return Unpooled.wrappedBuffer(stream, from, Math.min(size, stream.length - from));
	}

	/** A Chat Completions stream as OpenAI sends it: a chunk a token, the finish, the usage. */
	private static String modelStream(int tokens) {
		StringBuilder chunks = new StringBuilder();
		for (int i = 0; i < tokens; i++) {
			chunk(chunks, "[{\"index\":0,\"delta\":{\"content\":\" word" + i + "\"},\"finish_reason\":null}]", "");
		}
		chunk(chunks, "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]", "");
		chunk(chunks, "[]", ",\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":" + tokens + ",\"total_tokens\":"
				+ (tokens + 20) + "}");
		return chunks.append("data: [DONE]\n\n").toString();
	}

	private static void chunk(StringBuilder chunks, String choices, String usage) {
		chunks.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",")
			.append("\"choices\":").append(choices).append(usage).append("}\n\n");
	}

	private static String shortStream() {
		StringBuilder events = new StringBuilder();
		event(events, "thread.run.created", RUN.replace("\"status\":\"completed\"", "\"status\":\"queued\""));
		event(events, "thread.run.in_progress", RUN.replace("\"status\":\"completed\"", "\"status\":\"in_progress\""));
		event(events, "thread.run.completed", RUN);
		return events.append("event: done\ndata: [DONE]\n\n").toString();
	}

	private static String heldStream() {
		StringBuilder events = new StringBuilder();
		event(events, "thread.run.created", RUN.replace("\"status\":\"completed\"", "\"status\":\"queued\""));
		event(events, "thread.run.in_progress", RUN.replace("\"status\":\"completed\"", "\"status\":\"in_progress\""));
		return events.toString();
	}

	private static String stream() {
		String run = RUN.replace("\"status\":\"completed\"", "\"status\":\"in_progress\"");
		String message = MESSAGE.replace("\"status\":\"completed\"", "\"status\":\"in_progress\"");
		StringBuilder events = new StringBuilder();
		event(events, "thread.run.created", run);
		event(events, "thread.run.queued", run);
		event(events, "thread.run.in_progress", run);
		event(events, "thread.message.created", message);
		event(events, "thread.message.in_progress", message);
		for (int i = 0; i < DELTAS; i++) {
			event(events, "thread.message.delta", "{\"id\":\"msg_abc123\",\"object\":\"thread.message.delta\","
					+ "\"delta\":{\"content\":[{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\" word" + i + "\"}}]}}");
		}
		event(events, "thread.message.completed", MESSAGE);
		event(events, "thread.run.step.completed", "{\"id\":\"step_1\",\"object\":\"thread.run.step\",\"created_at\":1,"
				+ "\"assistant_id\":\"asst_abc123\",\"thread_id\":\"thread_abc123\",\"run_id\":\"run_abc123\","
				+ "\"type\":\"message_creation\",\"status\":\"completed\",\"step_details\":{\"type\":\"message_creation\","
				+ "\"message_creation\":{\"message_id\":\"msg_abc123\"}},\"metadata\":{}}");
		event(events, "thread.run.completed", RUN);
		events.append("event: done\ndata: [DONE]\n\n");
		return events.toString();
	}

	private static void event(StringBuilder events, String name, String data) {
		events.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
