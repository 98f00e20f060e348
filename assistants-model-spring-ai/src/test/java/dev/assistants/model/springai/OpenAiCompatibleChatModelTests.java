package dev.assistants.model.springai;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatModel.ResponseFormat;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.assistants.api.LastErrorCode;
import dev.assistants.engine.model.ModelException;

import static dev.assistants.model.springai.FakeChatCompletions.arguments;
import static dev.assistants.model.springai.FakeChatCompletions.call;
import static dev.assistants.model.springai.FakeChatCompletions.error;
import static dev.assistants.model.springai.FakeChatCompletions.finish;
import static dev.assistants.model.springai.FakeChatCompletions.text;
import static dev.assistants.model.springai.FakeChatCompletions.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's runs through {@link OpenAiCompatibleChatModel}, and the chat model on its own: the
 * exact request, retries, failures, whole answers, and many answers streaming at once.
 */
class OpenAiCompatibleChatModelTests extends SpringAiModelContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	ChatModel chatModel(OpenAiChatOptions options) {
		return OpenAiCompatibleChatModel.builder().options(options).build();
	}

	@Test
	void sendsTheRequestAsOpenAiDefinesItWithTheConnectionsHeaders() {
		try (FakeChatCompletions provider = new FakeChatCompletions();
				OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.builder()
					.options(OpenAiChatOptions.builder()
						.baseUrl(provider.baseUrl())
						.apiKey("sk-test")
						.organizationId("org-1")
						.customHeaders(Map.of("X-Team", "search"))
						.model("default-model")
						.seed(7)
						.build())
					.build()) {
			provider.answer(text("ok"), finish("stop"));
			OpenAiChatOptions options = ((OpenAiChatOptions) model.getOptions()).mutate()
				.model("llama3.2")
				.temperature(0.5)
				.stop(List.of("END"))
				.maxCompletionTokens(100)
				.toolCallbacks(List.of(new ChatOptionsFactory.Definition(DefaultToolDefinition.builder()
					.name("lookup")
					.description("Looks lookup up")
					.inputSchema("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"integer\"}}}")
					.build())))
				.toolChoice("required")
				.parallelToolCalls(false)
				.reasoningEffort("LOW")
				.responseFormat(ResponseFormat.builder().jsonSchema("{\"type\":\"object\"}").strict(false).build())
				.metadata(Map.of("app", "shop"))
				.extraBody(Map.of("top_k", 40))
				.build();
			byte[] png = { (byte) 0x89, 'P', 'N', 'G' };
			Prompt prompt = new Prompt(List.of(new SystemMessage("Be brief."),
					UserMessage.builder()
						.text("What is this?")
						.media(List.of(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(png).build()))
						.build(),
					AssistantMessage.builder()
						.content("")
						.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "lookup", "{\"q\":1}")))
						.build(),
					ToolResponseMessage.builder()
						.responses(List.of(new ToolResponseMessage.ToolResponse("call_1", "lookup", "found")))
						.build()),
					options);
			assertThat(model.stream(prompt).collectList().block()).isNotEmpty();

			assertThat(provider.requests().get(0)).isEqualTo(JSON.readTree("""
					{"model":"llama3.2","messages":[
					  {"role":"system","content":"Be brief."},
					  {"role":"user","content":[{"type":"text","text":"What is this?"},
					    {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw=="}}]},
					  {"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function",
					    "function":{"name":"lookup","arguments":"{\\"q\\":1}"}}]},
					  {"role":"tool","tool_call_id":"call_1","content":"found"}],
					 "stream":true,"stream_options":{"include_usage":true},
					 "temperature":0.5,"max_completion_tokens":100,"seed":7,"parallel_tool_calls":false,
					 "reasoning_effort":"low","metadata":{"app":"shop"},"stop":"END",
					 "response_format":{"type":"json_schema","json_schema":{"name":"json_schema","strict":false,
					   "schema":{"type":"object"}}},
					 "tools":[{"type":"function","function":{"name":"lookup","description":"Looks lookup up",
					   "parameters":{"type":"object","properties":{"q":{"type":"integer"}}},"strict":false}}],
					 "tool_choice":"required","top_k":40}"""));
			var received = provider.received().get(0);
			assertThat(received.getHeader("Authorization")).isEqualTo("Bearer sk-test");
			assertThat(received.getHeader("OpenAI-Organization")).isEqualTo("org-1");
			assertThat(received.getHeader("X-Team")).isEqualTo("search");
			assertThat(received.getHeader("Accept")).isEqualTo("text/event-stream");
			assertThat(received.getHeader("Content-Type")).isEqualTo("application/json");
			assertThat(model.toString()).doesNotContain("sk-test");
		}
	}

	@Test
	void retriesARequestThatFailsBeforeTheAnswerBegins() {
		try (FakeChatCompletions provider = new FakeChatCompletions(); OpenAiCompatibleChatModel model = model(provider, 2)) {
			provider.answer(error(503, "Overloaded")).answer(error(429, "Slow down")).answer(text("ok"), finish("stop"));
			assertThat(joined(model.stream(new Prompt("Hi")).collectList().block())).isEqualTo("ok");
			assertThat(provider.requests()).hasSize(3);
		}
	}

	@Test
	void neverRetriesARefusalAndSaysWhatTheEndpointSaid() {
		try (FakeChatCompletions provider = new FakeChatCompletions(); OpenAiCompatibleChatModel model = model(provider, 3)) {
			provider.answer(error(400, "Unknown model llama9"));
			Throwable refused = catchThrowable(() -> model.stream(new Prompt("Hi")).blockLast());
			assertThat(refused).isInstanceOf(WebClientResponseException.class).hasMessage("400 Bad Request: Unknown model llama9");
			assertThat(((WebClientResponseException) refused).getStatusCode().value()).isEqualTo(400);
			assertThat(provider.requests()).hasSize(1);
			ModelException failure = SpringAiModel.failure(refused);
			assertThat(failure.getCode()).isEqualTo(LastErrorCode.INVALID_PROMPT);
			assertThat(failure.getMessage())
				.isEqualTo("The model's provider refused the request (400): 400 Bad Request: Unknown model llama9");
		}
	}

	@Test
	void neverRetriesAnAnswerCutShort() {
		AtomicInteger requests = new AtomicInteger();
		DisposableServer cutting = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/chat/completions", (request, response) -> {
				requests.incrementAndGet();
				return response.header("Content-Type", "text/event-stream")
					.sendString(Flux.concat(Flux.just("data: " + text("Once ").json() + "\n\n"),
							Flux.error(new IOException("cut"))));
			}))
			.bindNow();
		try (OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.builder()
			.options(OpenAiChatOptions.builder().baseUrl("http://127.0.0.1:" + cutting.port() + "/v1").maxRetries(3).build())
			.build()) {
			List<String> texts = new ArrayList<>();
			assertThatThrownBy(() -> model.stream(new Prompt("Hi"))
				.doOnNext((response) -> texts.add(response.getResult().getOutput().getText()))
				.blockLast()).isNotNull();
			assertThat(texts).containsExactly("Once ");
			assertThat(requests).hasValue(1);
		}
		finally {
			cutting.disposeNow();
		}
	}

	@Test
	void failsOnAnErrorSentInsideTheStream() {
		try (FakeChatCompletions provider = new FakeChatCompletions(); OpenAiCompatibleChatModel model = model(provider, 0)) {
			provider.answer(FakeChatCompletions.stream(text("Hel"))
				.withBody("data: " + text("Hel").json() + "\n\ndata: {\"error\":{\"message\":\"The model crashed\"}}\n\n"));
			assertThatThrownBy(() -> model.stream(new Prompt("Hi")).blockLast())
				.hasMessage("The endpoint failed while answering: The model crashed");
		}
	}

	@Test
	void callGathersTheWholeAnswer() {
		try (FakeChatCompletions provider = new FakeChatCompletions(); OpenAiCompatibleChatModel model = model(provider, 0)) {
			provider.answer(text("Let me "), text("look."), call(0, "call_a", "lookup"), arguments(0, "{\"q\":"),
					call(1, "call_b", "other"), arguments(1, "{}"), arguments(0, "1}"), finish("tool_calls"), usage(12, 7));
			ChatResponse response = model.call(new Prompt("Hi"));
			AssistantMessage message = response.getResult().getOutput();
			assertThat(message.getText()).isEqualTo("Let me look.");
			assertThat(message.getToolCalls()).containsExactly(
					new AssistantMessage.ToolCall("call_a", "function", "lookup", "{\"q\":1}"),
					new AssistantMessage.ToolCall("call_b", "function", "other", "{}"));
			assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("tool_calls");
			assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(19);
			assertThat(response.getMetadata().getId()).isEqualTo("chatcmpl-1");
		}
	}

	@Test
	void readsEachAnswerToItsEndSoThatItsConnectionServesTheNext() {
		AtomicInteger connections = new AtomicInteger();
		DisposableServer endpoint = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, address) -> connections.incrementAndGet())
			.route((routes) -> routes.post("/v1/chat/completions", (request, response) -> request.receive()
				.then()
				.then(response.header("Content-Type", "text/event-stream")
					.sendString(Flux.just("data: " + text("Hi").json() + "\n\n", "data: [DONE]\n\n"))
					.then())))
			.bindNow();
		try (OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.builder()
			.options(OpenAiChatOptions.builder().baseUrl("http://127.0.0.1:" + endpoint.port() + "/v1").build())
			.build()) {
			for (int i = 0; i < 20; i++) {
				assertThat(joined(model.stream(new Prompt("Hi")).collectList().block())).isEqualTo("Hi");
			}
			// a connection goes back to the pool just after its answer completes: the next may be quicker
			assertThat(connections.get()).as("connections for 20 answers one after another").isLessThanOrEqualTo(4);
		}
		finally {
			endpoint.disposeNow();
		}
	}

	@Test
	void observesEachRequestAsSpringAisChatModelsDo() {
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

		});
		try (FakeChatCompletions provider = new FakeChatCompletions();
				OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.builder()
					.options(OpenAiChatOptions.builder().baseUrl(provider.baseUrl()).model("llama3.2").build())
					.observationRegistry(registry)
					.build()) {
			provider.answer(text("Hel"), text("lo"), finish("stop"), usage(12, 2));
			assertThat(joined(model.stream(new Prompt("Hi")).collectList().block())).isEqualTo("Hello");
			// the observation stops once the stream has completed
			Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stopped).singleElement()
				.isInstanceOfSatisfying(ChatModelObservationContext.class, (context) -> {
					assertThat(context.getName()).isEqualTo("gen_ai.client.operation");
					assertThat(context.getContextualName()).isEqualTo("chat llama3.2");
					assertThat(context.getResponse().getResult().getOutput().getText()).isEqualTo("Hello");
					assertThat(context.getResponse().getMetadata().getUsage().getTotalTokens()).isEqualTo(14);
				}));
		}
	}

	@Test
	void streamsHundredsOfAnswersAtOnceWithoutAThreadForEach() {
		int answers = 300;
		AtomicInteger open = new AtomicInteger();
		DisposableServer slow = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/chat/completions", (request, response) -> {
				open.incrementAndGet();
				response.withConnection((connection) -> connection.onDispose(open::decrementAndGet));
				return response.header("Content-Type", "text/event-stream")
					.sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(100))
						.map((tick) -> "data: " + text("word ").json() + "\n\n"));
			}))
			.bindNow();
		List<Disposable> streams = new ArrayList<>();
		try (OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.builder()
			.options(OpenAiChatOptions.builder().baseUrl("http://127.0.0.1:" + slow.port() + "/v1").build())
			.build()) {
			model.stream(new Prompt("warm up")).take(1).blockLast();
			int threads = ManagementFactory.getThreadMXBean().getThreadCount();
			AtomicInteger words = new AtomicInteger();
			for (int i = 0; i < answers; i++) {
				streams.add(model.stream(new Prompt("Hi " + i)).subscribe((response) -> words.incrementAndGet()));
			}
			Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(open).as("every answer streaming at once, none waiting for another").hasValue(answers);
				assertThat(words).hasValueGreaterThan(answers * 3);
			});
			assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).as("threads while %d answers stream", answers)
				.isLessThanOrEqualTo(threads + Runtime.getRuntime().availableProcessors() + 2);
			streams.forEach(Disposable::dispose);
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(open).hasValue(0));
		}
		finally {
			streams.forEach(Disposable::dispose);
			slow.disposeNow();
		}
	}

	private static OpenAiCompatibleChatModel model(FakeChatCompletions provider, int maxRetries) {
		return OpenAiCompatibleChatModel.builder()
			.options(OpenAiChatOptions.builder().baseUrl(provider.baseUrl()).apiKey("sk-test").maxRetries(maxRetries).build())
			.build();
	}

	private static String joined(List<ChatResponse> responses) {
		StringBuilder text = new StringBuilder();
		responses.forEach((response) -> text.append(response.getResult().getOutput().getText()));
		return text.toString();
	}

}
