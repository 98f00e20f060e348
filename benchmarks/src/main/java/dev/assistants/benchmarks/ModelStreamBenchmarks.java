package dev.assistants.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

import dev.assistants.engine.AssistantsEngine;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.FinishReason;
import dev.assistants.engine.model.ModelOutput.TextDelta;
import dev.assistants.engine.model.ModelOutput.TokenUsage;
import dev.assistants.engine.model.ModelRequest;
import dev.assistants.model.springai.OpenAiCompatibleChatModel;
import dev.assistants.model.springai.SpringAiModel;
import dev.assistants.store.memory.InMemoryStore;

/**
 * What the Assistants server adds to a model's stream. {@code raw}, the floor: the model's own Chat
 * Completions stream read by a bare client. {@code assistants}: the same tokens as a run's
 * {@code thread.message.delta} events, through the engine on the in-memory store and Spring AI's
 * OpenAI client; {@code openai-compatible}: the same through the server's default chat model,
 * {@code OpenAiCompatibleChatModel}. {@code engine}: the engine alone, its model a function that gives the tokens
 * without any HTTP, which parts the engine's cost from Spring AI's. The model's endpoint runs in a
 * process of its own; the benchmark's process holds the bare client and the server.
 * {@code firstToken} reads a stream of one token (a whole run, so nothing runs on in the background);
 * {@code streamTokens} a stream of 1,000.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 30, time = 1)
@Measurement(iterations = 10, time = 1)
public class ModelStreamBenchmarks {

	@Param({ "raw", "engine", "assistants", "openai-compatible" })
	public String client;

	private ServerProcess model;

	private AssistantsEngine engine;

	private DisposableServer server;

	private HttpClient http;

	private String path;

	private String token;

	private String oneToken;

	private String manyTokens;

	@Setup(Level.Trial)
	public void start() {
		this.model = new ServerProcess();
		if (this.client.equals("raw")) {
			this.http = HttpClient.create().baseUrl(this.model.baseUrl());
			this.path = "/chat/completions";
			this.token = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{\"content\"";
			this.oneToken = chatRequest(BenchmarkServer.ONE_TOKEN_MODEL);
			this.manyTokens = chatRequest("fake");
			return;
		}
		OpenAiChatOptions options = OpenAiChatOptions.builder()
			.baseUrl(this.model.baseUrl())
			.apiKey("sk-benchmark")
			.maxRetries(0)
			.build();
		AssistantModel assistantModel = switch (this.client) {
			case "engine" -> ModelStreamBenchmarks::tokens;
			case "openai-compatible" -> new SpringAiModel(OpenAiCompatibleChatModel.builder().options(options).build());
			default -> new SpringAiModel(OpenAiChatModel.builder().options(options).build());
		};
		this.engine = AssistantsEngine.builder(new InMemoryStore(), assistantModel).build();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(this.engine.httpHandler()))
			.bindNow();
		this.http = HttpClient.create().baseUrl("http://127.0.0.1:" + this.server.port() + "/v1");
		this.path = "/threads/runs";
		this.token = "event: thread.message.delta";
		this.oneToken = runRequest(assistant(BenchmarkServer.ONE_TOKEN_MODEL));
		this.manyTokens = runRequest(assistant("fake"));
	}

	@TearDown(Level.Trial)
	public void stop() {
		if (this.server != null) {
			this.server.disposeNow();
			this.engine.close();
		}
		this.model.close();
	}

	/** The time to the first token: the model's one-token stream, or a run answered by it. */
	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public long firstToken() {
		return count(this.oneToken, 1);
	}

	/** A stream of 1,000 tokens, per token: its rate, CPU time and allocation. */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(BenchmarkServer.MODEL_TOKENS)
	public long streamTokens() {
		return count(this.manyTokens, BenchmarkServer.MODEL_TOKENS);
	}

	/** The tokens of a whole stream, read to its end. */
	private long count(String request, long expected) {
		long tokens = lines(request).filter((line) -> line.startsWith(this.token)).count().block();
		if (tokens != expected) {
			throw new IllegalStateException("Expected " + expected + " tokens but got " + tokens);
		}
		return tokens;
	}

	/** The lines of the answer, as they arrive. */
	private Flux<String> lines(String request) {
		return Flux.defer(() -> {
			StringBuilder partial = new StringBuilder();
			return this.http.headers((headers) -> headers.set("Content-Type", "application/json"))
				.post()
				.uri(this.path)
				.send(ByteBufFlux.fromString(Mono.just(request)))
				.responseContent()
				.asString(StandardCharsets.UTF_8)
				.concatMapIterable((text) -> {
					partial.append(text);
					List<String> lines = new ArrayList<>();
					int end;
					while ((end = partial.indexOf("\n")) >= 0) {
						lines.add(partial.substring(0, end));
						partial.delete(0, end + 1);
					}
					return lines;
				});
		});
	}

	private String assistant(String model) {
		return JsonMapper.builder()
			.build()
			.readTree(this.http.post()
				.uri("/assistants")
				.send(ByteBufFlux.fromString(Mono.just("{\"model\":\"" + model + "\"}")))
				.responseContent()
				.aggregate()
				.asString()
				.block())
			.path("id")
			.asString();
	}

	private static String chatRequest(String model) {
		return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Count\"}]}";
	}

	private static String runRequest(String assistant) {
		return "{\"assistant_id\":\"" + assistant + "\",\"stream\":true,\"thread\":{\"messages\":[{\"role\":\"user\","
				+ "\"content\":\"Count\"}]}}";
	}

	/** The tokens a model gives, without any HTTP: as many as the run's model says. */
	private static Flux<ModelOutput> tokens(ModelRequest request) {
		int tokens = request.run().model().equals(BenchmarkServer.ONE_TOKEN_MODEL) ? 1 : BenchmarkServer.MODEL_TOKENS;
		return Flux.range(0, tokens)
			.<ModelOutput>map((i) -> new TextDelta(" word" + i))
			.concatWithValues(new Finish(FinishReason.STOP, new TokenUsage(20, tokens)));
	}

}
