package dev.assistants.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.beta.threads.messages.MessageCreateParams;
import com.openai.models.beta.threads.runs.RunRetrieveParams;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.ListMessagesResponse;
import dev.assistants.api.MessageDeltaObject;
import dev.assistants.api.MessageObject;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.client.AssistantsJson;
import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.ListQuery;

/**
 * The same calls made by each client under comparison.
 */
interface BenchmarkClient extends AutoCloseable {

	Mono<?> getRun();

	Mono<?> createMessage();

	Mono<?> listMessages();

	/**
	 * A run stream's events, decoded to typed objects, read to the end of the response; empty if
	 * the client cannot stream.
	 * @param threadId {@link BenchmarkServer#LONG_RUN} or {@link BenchmarkServer#SHORT_RUN}
	 */
	Flux<?> streamRun(String threadId);

	@Override
	void close();

	/**
	 * The connections each Reactor Netty client may open: more than {@link OpenStreamsHeap} holds
	 * open at once, so that no stream waits for a connection.
	 */
	int MAX_CONNECTIONS = 1_024;

	static BenchmarkClient create(String name, String baseUrl) {
		return switch (name) {
			case "assistants" -> new Assistants(baseUrl);
			case "raw" -> new Raw(baseUrl);
			case "webclient" -> new PlainWebClient(baseUrl);
			case "openai-java" -> new OpenAiJava(baseUrl);
			default -> throw new IllegalArgumentException("Unknown client " + name);
		};
	}

	/** This project's client, as the starter configures it. */
	final class Assistants implements BenchmarkClient {

		private final AssistantsTemplate client;

		Assistants(String baseUrl) {
			this.client = AssistantsTemplate.builder()
				.baseUrl(baseUrl)
				.apiKey("sk-bench")
				.maxConnections(MAX_CONNECTIONS)
				.build();
		}

		@Override
		public Mono<?> getRun() {
			return this.client.getRun("thread_abc123", "run_abc123");
		}

		@Override
		public Mono<?> createMessage() {
			return this.client.createMessage("thread_abc123", CreateMessageRequest.user("Where is my order 42?"));
		}

		@Override
		public Mono<?> listMessages() {
			return this.client.listMessages("thread_abc123", ListQuery.limit(20));
		}

		@Override
		public Flux<?> streamRun(String threadId) {
			return this.client.createRunStream(threadId, CreateRunRequest.builder("asst_abc123").build());
		}

		@Override
		public void close() {
			this.client.close();
		}

	}

	/**
	 * The floor: Reactor Netty's HTTP client and Jackson doing the same requests and decoding into
	 * the same records, with nothing else.
	 */
	final class Raw implements BenchmarkClient {

		private static final byte[] MESSAGE_BODY = "{\"role\":\"user\",\"content\":\"Where is my order 42?\"}"
			.getBytes(StandardCharsets.UTF_8);

		private static final byte[] RUN_BODY = "{\"assistant_id\":\"asst_abc123\",\"stream\":true}"
			.getBytes(StandardCharsets.UTF_8);

		private final JsonMapper json = AssistantsJson.createMapper();

		private final ConnectionProvider connections = ConnectionProvider.builder("raw")
			.maxConnections(MAX_CONNECTIONS)
			.pendingAcquireMaxCount(-1)
			.build();

		private final HttpClient http;

		Raw(String baseUrl) {
			this.http = HttpClient.create(this.connections)
				.baseUrl(baseUrl)
				.headers((headers) -> headers.set("Authorization", "Bearer sk-bench")
					.set("OpenAI-Beta", "assistants=v2")
					.set("Accept", "application/json"));
		}

		@Override
		public Mono<?> getRun() {
			return get("/threads/thread_abc123/runs/run_abc123", RunObject.class);
		}

		@Override
		public Mono<?> createMessage() {
			return this.http.headers((headers) -> headers.set("Content-Type", "application/json"))
				.post()
				.uri("/threads/thread_abc123/messages")
				.send(Mono.just(Unpooled.wrappedBuffer(MESSAGE_BODY)))
				.responseSingle((response, body) -> body.asInputStream())
				.map((in) -> this.json.readValue(in, MessageObject.class));
		}

		@Override
		public Mono<?> listMessages() {
			return get("/threads/thread_abc123/messages?limit=20", ListMessagesResponse.class);
		}

		private <T> Mono<T> get(String uri, Class<T> type) {
			return this.http.get()
				.uri(uri)
				.responseSingle((response, body) -> body.asInputStream())
				.map((in) -> this.json.readValue(in, type));
		}

		@Override
		public Flux<?> streamRun(String threadId) {
			return this.http.headers((headers) -> headers.set("Content-Type", "application/json")
				.set("Accept", "text/event-stream"))
				.post()
				.uri("/threads/" + threadId + "/runs")
				.send(Mono.just(Unpooled.wrappedBuffer(RUN_BODY)))
				.response((response, body) -> body.asString(StandardCharsets.UTF_8))
				.concatMapIterable(new Frames()::add)
				.filter((frame) -> !frame.startsWith("event: done"))
				.map(this::decode);
		}

		private Object decode(String frame) {
			int newline = frame.indexOf('\n');
			String event = frame.substring("event: ".length(), newline);
			String data = frame.substring(newline + 1 + "data: ".length());
			Class<?> type = event.equals("thread.message.delta") ? MessageDeltaObject.class
					: event.startsWith("thread.message.") ? MessageObject.class
							: event.startsWith("thread.run.step.") ? RunStepObject.class : RunObject.class;
			return this.json.readValue(data, type);
		}

		@Override
		public void close() {
			this.connections.dispose();
		}

		/** Splits received text into server-sent event frames. */
		private static final class Frames {

			private final StringBuilder pending = new StringBuilder();

			List<String> add(String text) {
				this.pending.append(text);
				List<String> frames = new ArrayList<>();
				int end;
				while ((end = this.pending.indexOf("\n\n")) >= 0) {
					frames.add(this.pending.substring(0, end));
					this.pending.delete(0, end + 2);
				}
				return frames;
			}

		}

	}

	/**
	 * A second reference: Spring's {@code WebClient} on Reactor Netty, as it comes, reading the body
	 * as bytes and decoding it with the same Jackson mapper, with nothing else. What the client costs
	 * over this is its own; what this costs over {@link Raw} is the WebClient's.
	 */
	final class PlainWebClient implements BenchmarkClient {

		private final JsonMapper json = AssistantsJson.createMapper();

		private final ConnectionProvider connections = ConnectionProvider.builder("webclient")
			.maxConnections(MAX_CONNECTIONS)
			.pendingAcquireMaxCount(-1)
			.build();

		private final WebClient client;

		PlainWebClient(String baseUrl) {
			this.client = WebClient.builder()
				.baseUrl(baseUrl)
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.connections)))
				.defaultHeaders((headers) -> {
					headers.setBearerAuth("sk-bench");
					headers.set("OpenAI-Beta", "assistants=v2");
				})
				.build();
		}

		@Override
		public Mono<?> getRun() {
			return get("/threads/thread_abc123/runs/run_abc123", RunObject.class);
		}

		@Override
		public Mono<?> createMessage() {
			return this.client.post()
				.uri("/threads/thread_abc123/messages")
				.accept(MediaType.APPLICATION_JSON)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Raw.MESSAGE_BODY)
				.retrieve()
				.bodyToMono(byte[].class)
				.map((body) -> this.json.readValue(body, MessageObject.class));
		}

		@Override
		public Mono<?> listMessages() {
			return get("/threads/thread_abc123/messages?limit=20", ListMessagesResponse.class);
		}

		private <T> Mono<T> get(String uri, Class<T> type) {
			return this.client.get()
				.uri(uri)
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.bodyToMono(byte[].class)
				.map((body) -> this.json.readValue(body, type));
		}

		@Override
		public Flux<?> streamRun(String threadId) {
			return Flux.empty();
		}

		@Override
		public void close() {
			this.connections.dispose();
		}

	}

	/** The official openai-java client (OkHttp), against the same server. */
	final class OpenAiJava implements BenchmarkClient {

		private final OpenAIClientAsync client;

		OpenAiJava(String baseUrl) {
			this.client = OpenAIOkHttpClientAsync.builder().baseUrl(baseUrl).apiKey("sk-bench").maxRetries(0).build();
		}

		@Override
		public Mono<?> getRun() {
			return Mono.fromFuture(() -> this.client.beta()
				.threads()
				.runs()
				.retrieve(RunRetrieveParams.builder().threadId("thread_abc123").runId("run_abc123").build()));
		}

		@Override
		public Mono<?> createMessage() {
			return Mono.fromFuture(() -> this.client.beta()
				.threads()
				.messages()
				.create(MessageCreateParams.builder()
					.threadId("thread_abc123")
					.role(MessageCreateParams.Role.USER)
					.content("Where is my order 42?")
					.build()));
		}

		@Override
		public Mono<?> listMessages() {
			return Mono.fromFuture(() -> this.client.beta().threads().messages().list("thread_abc123"));
		}

		@Override
		public Flux<?> streamRun(String threadId) {
			return Flux.empty();
		}

		@Override
		public void close() {
			this.client.close();
		}

	}

}
