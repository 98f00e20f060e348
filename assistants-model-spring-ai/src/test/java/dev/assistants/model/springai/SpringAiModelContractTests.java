package dev.assistants.model.springai;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

import dev.assistants.engine.Api;
import dev.assistants.engine.Api.FormFile;
import dev.assistants.engine.EngineServer;
import dev.assistants.engine.TestCodeExecutor;
import dev.assistants.store.memory.InMemoryStore;

import static dev.assistants.model.springai.FakeChatCompletions.arguments;
import static dev.assistants.model.springai.FakeChatCompletions.call;
import static dev.assistants.model.springai.FakeChatCompletions.error;
import static dev.assistants.model.springai.FakeChatCompletions.finish;
import static dev.assistants.model.springai.FakeChatCompletions.text;
import static dev.assistants.model.springai.FakeChatCompletions.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs answered through a real Spring AI chat model for OpenAI-compatible endpoints by a fake Chat
 * Completions endpoint: the chat request each turn sends, and the run, steps, messages, usage and
 * events each answer makes. Each chat model that the server may use has a subclass.
 */
abstract class SpringAiModelContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ORDER_STATUS = """
			{"type":"function","function":{"name":"order_status","description":"The status of an order",
			 "parameters":{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}}}""";

	private final FakeChatCompletions provider = new FakeChatCompletions();

	private final ChatModel chatModel = chatModel(OpenAiChatOptions.builder()
		.baseUrl(this.provider.baseUrl())
		.apiKey("sk-provider-key")
		.model("configured-default")
		.maxRetries(0)
		.build());

	private final SpringAiModel model = new SpringAiModel(this.chatModel, Map.of("gpt-4o", "llama3.2"));

	private final EngineServer server = new EngineServer(new InMemoryStore(), this.model,
			(engine) -> engine.modelTimeout(Duration.ofSeconds(5)).toolTypes(Set.of("function", "file_search")));

	private final Api api = Api.newProject(this.server.baseUrl());

	/**
	 * The chat model under test.
	 * @param options its endpoint, credentials and defaults
	 * @return the chat model
	 */
	abstract ChatModel chatModel(OpenAiChatOptions options);

	@AfterEach
	void stop() throws Exception {
		if (this.chatModel instanceof AutoCloseable closeable) {
			closeable.close();
		}
		this.server.close();
		this.provider.close();
	}

	@Test
	void sendsTheAssistantTheThreadAndTheRunAsOneChatRequest() {
		this.provider.answer(text("{\"ok\":true}"), finish("stop"), usage(40, 5));
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"instructions\":\"You help shoppers.\","
				+ "\"temperature\":0.2,\"top_p\":0.9,\"tools\":[" + ORDER_STATUS + "],\"reasoning_effort\":\"low\"}").path("id").asString();
		String thread = this.api.ok("POST", "/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
				+ "{\"role\":\"assistant\",\"content\":\"Hello! How can I help?\"},"
				+ "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Where is\"},{\"type\":\"text\",\"text\":\"order 42?\"},"
				+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/receipt.jpg\"}}]}]}").path("id").asString();
		String run = this.api.ok("POST", "/threads/" + thread + "/runs", "{\"assistant_id\":\"" + assistant + "\","
				+ "\"additional_instructions\":\"Answer in JSON.\",\"max_completion_tokens\":300,\"parallel_tool_calls\":false,"
				+ "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"order_status\"}},"
				+ "\"response_format\":{\"type\":\"json_object\"}}").path("id").asString();
		this.api.awaitRun(thread, run, "completed");

		JsonNode request = this.provider.requests().get(0);
		assertThat(request.path("model").asString()).as("gpt-4o through the alias").isEqualTo("llama3.2");
		assertThat(request.path("stream").asBoolean()).isTrue();
		assertThat(request.path("temperature").asDouble()).isEqualTo(0.2);
		assertThat(request.path("top_p").asDouble()).isEqualTo(0.9);
		assertThat(request.path("max_completion_tokens").asInt()).isEqualTo(300);
		assertThat(request.path("parallel_tool_calls").asBoolean(true)).isFalse();
		assertThat(request.path("reasoning_effort").asString()).isEqualTo("low");
		assertThat(request.path("response_format")).isEqualTo(JSON.readTree("{\"type\":\"json_object\"}"));
		assertThat(request.path("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"function\",\"function\":{\"name\":\"order_status\"}}"));
		assertThat(request.at("/tools/0/type").asString()).isEqualTo("function");
		assertThat(request.at("/tools/0/function/name").asString()).isEqualTo("order_status");
		assertThat(request.at("/tools/0/function/description").asString()).isEqualTo("The status of an order");
		assertThat(request.at("/tools/0/function/parameters/properties/order_id/type").asString()).isEqualTo("string");
		JsonNode messages = request.path("messages");
		assertThat(messages).hasSize(4);
		assertThat(messages.at("/0/role").asString()).isEqualTo("system");
		assertThat(messages.at("/0/content").toString()).contains("You help shoppers.\\n\\nAnswer in JSON.");
		assertThat(messages.at("/1/role").asString()).isEqualTo("user");
		assertThat(messages.at("/1/content").toString()).contains("Hi");
		assertThat(messages.at("/2/role").asString()).isEqualTo("assistant");
		assertThat(messages.at("/2/content").toString()).contains("Hello! How can I help?");
		assertThat(messages.at("/3/role").asString()).isEqualTo("user");
		assertThat(messages.at("/3/content").toString()).contains("Where is\\n\\norder 42?", "\"image_url\"",
				"https://example.com/receipt.jpg");
	}

	@Test
	void streamsTheAnswerAsItArrivesWithTheProvidersUsage() {
		this.provider.answer(text("Your "), text("order "), text("shipped."), finish("stop"), usage(31, 4));
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
		List<String[]> events = this.api.post("/threads/runs", "{\"assistant_id\":\"" + assistant + "\",\"stream\":true,"
				+ "\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Order 42?\"}]}}").events();
		assertThat(events).extracting((event) -> event[0])
			.containsExactly("thread.created", "thread.run.created", "thread.run.queued", "thread.run.in_progress",
					"thread.run.step.created", "thread.run.step.in_progress", "thread.message.created",
					"thread.message.in_progress", "thread.message.delta", "thread.message.delta", "thread.message.delta",
					"thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done");
		assertThat(events.subList(8, 11)).extracting((event) -> JSON.readTree(event[1]).at("/delta/content/0/text/value").asString())
			.containsExactly("Your ", "order ", "shipped.");
		JsonNode run = JSON.readTree(events.get(13)[1]);
		assertThat(run.path("usage")).isEqualTo(JSON.readTree("{\"prompt_tokens\":31,\"completion_tokens\":4,\"total_tokens\":35}"));
		JsonNode message = JSON.readTree(events.get(11)[1]);
		assertThat(message.at("/content/0/text/value").asString()).isEqualTo("Your order shipped.");
		JsonNode step = JSON.readTree(events.get(12)[1]);
		assertThat(step.path("usage")).isEqualTo(run.path("usage"));
	}

	@Test
	void turnsFunctionCallsIntoRequiredActionAndSendsTheirOutputsBack() {
		this.provider.answer(call(0, "call_abc", "order_status"), arguments(0, "{\"order_id\":"), arguments(0, "\"42\"}"),
				finish("tool_calls"), usage(50, 12));
		this.provider.answer(text("Order 42 has shipped."), finish("stop"), usage(70, 6));
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"tools\":[" + ORDER_STATUS + "]}").path("id")
			.asString();
		List<String[]> events = this.api.post("/threads/runs", "{\"assistant_id\":\"" + assistant + "\",\"stream\":true,"
				+ "\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Where is order 42?\"}]}}").events();
		assertThat(events).extracting((event) -> event[0])
			.containsExactly("thread.created", "thread.run.created", "thread.run.queued", "thread.run.in_progress",
					"thread.run.step.created", "thread.run.step.in_progress", "thread.run.step.delta",
					"thread.run.requires_action", "done");
		assertThat(JSON.readTree(events.get(6)[1]).at("/delta/step_details/tool_calls/0/function/arguments").asString())
			.isEqualTo("{\"order_id\":\"42\"}");
		JsonNode waiting = JSON.readTree(events.get(7)[1]);
		assertThat(waiting.at("/required_action/submit_tool_outputs/tool_calls/0").toString()).isEqualTo(
				"{\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":\"order_status\",\"arguments\":\"{\\\"order_id\\\":\\\"42\\\"}\"}}");
		String thread = waiting.path("thread_id").asString();
		String run = waiting.path("id").asString();
		this.api.ok("POST", "/threads/" + thread + "/runs/" + run + "/submit_tool_outputs",
				"{\"tool_outputs\":[{\"tool_call_id\":\"call_abc\",\"output\":\"shipped yesterday\"}]}");
		JsonNode done = this.api.awaitRun(thread, run, "completed");
		assertThat(done.path("usage")).isEqualTo(JSON.readTree("{\"prompt_tokens\":120,\"completion_tokens\":18,\"total_tokens\":138}"));

		JsonNode second = this.provider.requests().get(1).path("messages");
		assertThat(second).hasSize(3);
		assertThat(second.at("/1/role").asString()).isEqualTo("assistant");
		assertThat(second.at("/1/tool_calls/0/id").asString()).isEqualTo("call_abc");
		assertThat(second.at("/1/tool_calls/0/function/name").asString()).isEqualTo("order_status");
		assertThat(second.at("/1/tool_calls/0/function/arguments").asString()).isEqualTo("{\"order_id\":\"42\"}");
		assertThat(second.at("/2/role").asString()).isEqualTo("tool");
		assertThat(second.at("/2/tool_call_id").asString()).isEqualTo("call_abc");
		assertThat(second.at("/2/content").toString()).contains("shipped yesterday");
		JsonNode steps = this.api.ok("GET", "/threads/" + thread + "/runs/" + run + "/steps?order=asc", null).path("data");
		assertThat(steps.at("/0/usage/total_tokens").asLong()).isEqualTo(62);
		assertThat(steps.at("/1/usage/total_tokens").asLong()).isEqualTo(76);
	}

	@Test
	void keepsTheLastMessagesAndDropsTheOldestOverMaxPromptTokens() {
		this.provider.answer(text("a"), finish("stop")).answer(text("b"), finish("stop"));
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
		String thread = this.api.ok("POST", "/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"one\"},"
				+ "{\"role\":\"user\",\"content\":\"two\"},{\"role\":\"user\",\"content\":\"three\"}]}").path("id").asString();
		String first = this.api.ok("POST", "/threads/" + thread + "/runs", "{\"assistant_id\":\"" + assistant
				+ "\",\"truncation_strategy\":{\"type\":\"last_messages\",\"last_messages\":2}}").path("id").asString();
		this.api.awaitRun(thread, first, "completed");
		assertThat(this.provider.requests().get(0).path("messages").findValuesAsString("content").toString()).doesNotContain("one")
			.contains("two", "three");

		this.api.ok("POST", "/threads/" + thread + "/messages", "{\"role\":\"user\",\"content\":" + JSON.writeValueAsString("x ".repeat(630)) + "}");
		String second = this.api.ok("POST", "/threads/" + thread + "/runs", "{\"assistant_id\":\"" + assistant
				+ "\",\"max_prompt_tokens\":320}").path("id").asString();
		this.api.awaitRun(thread, second, "completed");
		JsonNode sent = this.provider.requests().get(1).path("messages");
		assertThat(sent).as("only the latest message fits in 320 estimated tokens").hasSize(1);
	}

	@Test
	void aProviderCutShortForLengthLeavesTheRunIncomplete() {
		this.provider.answer(text("Once upon a"), finish("length"), usage(10, 300));
		JsonNode run = createdRun("Tell me a story");
		JsonNode incomplete = this.api.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), "incomplete");
		assertThat(incomplete.at("/incomplete_details/reason").asString()).isEqualTo("max_completion_tokens");
		assertThat(incomplete.at("/usage/completion_tokens").asLong()).isEqualTo(300);
	}

	@Test
	void failsTheRunAsTheProvidersErrorSays() {
		this.provider.answer(error(429, "Slow down")).answer(error(400, "Bad model")).answer(error(500, "Upstream broke"));
		assertThat(failure(createdRun("1"))).isEqualTo("rate_limit_exceeded");
		assertThat(failure(createdRun("2"))).isEqualTo("invalid_prompt");
		JsonNode run = createdRun("3");
		JsonNode failed = this.api.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), "failed");
		assertThat(failed.at("/last_error/code").asString()).isEqualTo("server_error");
		assertThat(failed.at("/last_error/message").asString()).contains("500").doesNotContain("sk-provider-key");
	}

	@Test
	void failsARunWhoseProviderDoesNotAnswerInTime() {
		this.provider.answer(FakeChatCompletions.stream(text("late"), finish("stop")).withFixedDelay(8000));
		JsonNode run = createdRun("Hello?");
		JsonNode failed = this.api.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), "failed");
		assertThat(failed.at("/last_error/code").asString()).isEqualTo("server_error");
		assertThat(failed.at("/last_error/message").asString()).isEqualTo("The model did not answer within 5000 ms.");
	}

	@Test
	void cancellingTheRunClosesTheProvidersStream() throws Exception {
		CountDownLatch closed = new CountDownLatch(1);
		DisposableServer stalling = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/chat/completions", (request, response) -> {
				response.withConnection((connection) -> connection.onDispose(closed::countDown));
				return response.header("Content-Type", "text/event-stream")
					.sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(200))
						.map((tick) -> "data: " + text("more ").json() + "\n\n"));
			}))
			.bindNow();
		try (EngineServer engine = new EngineServer(new InMemoryStore(), new SpringAiModel(chatModel(OpenAiChatOptions.builder()
			.baseUrl("http://127.0.0.1:" + stalling.port() + "/v1")
			.apiKey("sk-provider-key")
			.maxRetries(0)
			.build())))) {
			Api caller = Api.newProject(engine.baseUrl());
			String assistant = caller.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
			JsonNode run = caller.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistant
					+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Think\"}]}}");
			String thread = run.path("thread_id").asString();
			String id = run.path("id").asString();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> caller.ok("GET", "/threads/" + thread + "/messages", null)
				.path("data")
				.size() == 2);
			caller.ok("POST", "/threads/" + thread + "/runs/" + id + "/cancel", null);
			assertThat(caller.awaitRun(thread, id, "cancelled").path("cancelled_at").isNull()).isFalse();
			assertThat(closed.await(10, TimeUnit.SECONDS)).as("the provider's stream was closed").isTrue();
		}
		finally {
			stalling.disposeNow();
		}
	}

	@Test
	void showsTheModelTheImageFilesOfTheMessages() {
		this.provider.answer(text("A receipt."), finish("stop"), usage(900, 3));
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3 };
		String fileId = this.api.postForm("/files", Map.of("purpose", "vision"),
				new FormFile("file", "receipt.png", "image/png", png)).json().path("id").asString();
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
		JsonNode run = this.api.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistant + "\",\"thread\":{\"messages\":["
				+ "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
				+ "{\"type\":\"image_file\",\"image_file\":{\"file_id\":\"" + fileId + "\"}}]}]}}");
		this.api.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), "completed");
		JsonNode content = this.provider.requests().get(0).at("/messages/0/content");
		assertThat(content.toString()).contains("What is this?");
		assertThat(content.findValues("url")).extracting(JsonNode::asString)
			.containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
	}

	@Test
	void failsARunWhoseImageFileItCannotUse() {
		String otherProjectsFile = Api.newProject(this.server.baseUrl()).postForm("/files", Map.of("purpose", "vision"),
				new FormFile("file", "a.png", "image/png", new byte[] { 1 })).json().path("id").asString();
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
		for (String fileId : List.of("file-1", otherProjectsFile)) {
			JsonNode run = this.api.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistant + "\",\"thread\":{\"messages\":["
					+ "{\"role\":\"user\",\"content\":[{\"type\":\"image_file\",\"image_file\":{\"file_id\":\"" + fileId
					+ "\"}}]}]}}");
			JsonNode failed = this.api.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), "failed");
			assertThat(failed.at("/last_error/code").asString()).isEqualTo("invalid_prompt");
			assertThat(failed.at("/last_error/message").asString()).contains(fileId);
		}
		assertThat(this.provider.requests()).isEmpty();
	}

	@Test
	void refusesARunWithAToolTheServerCannotRun() {
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"tools\":[{\"type\":\"code_interpreter\"}]}")
			.path("id").asString();
		Api.Response refused = this.api.post("/threads/runs", "{\"assistant_id\":\"" + assistant + "\"}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.error().path("message").asString()).startsWith("This server cannot run 'code_interpreter' tools: "
				+ "it has no code executor. Install bubblewrap and Jupyter's Python kernel on its host (Debian: bubblewrap "
				+ "python3-ipykernel python3-jupyter-client)");
		assertThat(refused.error().path("param").asString()).isEqualTo("tools");
	}

	@Test
	void searchesFilesForTheModelAndCitesWhatItQuotes() {
		String file = this.api.postForm("/files", Map.of("purpose", "assistants"), new Api.FormFile("file", "policy.txt",
				"text/plain", "Refunds are accepted within 30 days.".getBytes(StandardCharsets.UTF_8))).json().path("id")
			.asString();
		String store = this.api.ok("POST", "/vector_stores", "{\"file_ids\":[\"" + file + "\"]}").path("id").asString();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.api.ok("GET", "/vector_stores/" + store, null)
			.at("/file_counts/completed").asInt() == 1);
		this.provider.answer(call(0, "call_search", "file_search"), arguments(0, "{\"query\":\"refund window\"}"),
				finish("tool_calls"), usage(40, 8));
		this.provider.answer(text("Within 30 days 【0†policy.txt】."), finish("stop"), usage(60, 5));
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"tools\":[{\"type\":\"file_search\"}],"
				+ "\"tool_resources\":{\"file_search\":{\"vector_store_ids\":[\"" + store + "\"]}}}").path("id").asString();
		List<String[]> events = this.api.post("/threads/runs", "{\"assistant_id\":\"" + assistant + "\",\"stream\":true,"
				+ "\"tool_choice\":{\"type\":\"file_search\"},"
				+ "\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"How long do I have for a refund?\"}]}}").events();
		assertThat(events).extracting((event) -> event[0])
			.containsExactly("thread.created", "thread.run.created", "thread.run.queued", "thread.run.in_progress",
					"thread.run.step.created", "thread.run.step.in_progress", "thread.run.step.delta",
					"thread.run.step.completed", "thread.run.step.created", "thread.run.step.in_progress",
					"thread.message.created", "thread.message.in_progress", "thread.message.delta",
					"thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done");
		JsonNode searched = JSON.readTree(events.get(7)[1]).at("/step_details/tool_calls/0");
		assertThat(searched.path("type").asString()).isEqualTo("file_search");
		assertThat(searched.at("/file_search/results/0/file_id").asString()).isEqualTo(file);

		assertThat(this.provider.requests().get(0).path("tool_choice"))
			.isEqualTo(JSON.readTree("{\"type\":\"function\",\"function\":{\"name\":\"file_search\"}}"));
		assertThat(this.provider.requests().get(1).path("tool_choice").asString()).as("after the search, the model answers")
			.isEqualTo("auto");
		JsonNode tool = this.provider.requests().get(0).at("/tools/0/function");
		assertThat(tool.path("name").asString()).isEqualTo("file_search");
		assertThat(tool.at("/parameters/required").toString()).isEqualTo("[\"query\"]");
		JsonNode second = this.provider.requests().get(1).path("messages");
		assertThat(second.at("/1/tool_calls/0/id").asString()).isEqualTo("call_search");
		assertThat(second.at("/1/tool_calls/0/function/name").asString()).isEqualTo("file_search");
		assertThat(second.at("/2/role").asString()).isEqualTo("tool");
		assertThat(second.at("/2/content").asString()).isEqualTo("【0†policy.txt】\nRefunds are accepted within 30 days.");

		JsonNode message = JSON.readTree(events.get(13)[1]);
		assertThat(message.at("/content/0/text/annotations/0/file_citation/file_id").asString()).isEqualTo(file);
		assertThat(message.at("/content/0/text/annotations/0/start_index").asInt()).isEqualTo(15);
		JsonNode run = JSON.readTree(events.get(15)[1]);
		assertThat(run.path("usage")).isEqualTo(JSON.readTree("{\"prompt_tokens\":100,\"completion_tokens\":13,\"total_tokens\":113}"));
	}

	@Test
	void runsTheModelsCodeStreamingItAsWrittenAndGivesTheModelItsOutputs() {
		EngineServer coding = new EngineServer(new InMemoryStore(), this.model, (engine) -> engine
			.modelTimeout(Duration.ofSeconds(5))
			.codeExecutor(new TestCodeExecutor()));
		try (coding) {
			Api api = Api.newProject(coding.baseUrl());
			this.provider.answer(call(0, "call_code", "code_interpreter"), arguments(0, "{\"code\": \"plot(6"),
					arguments(0, "*7)\\nsave\\u0028)\"}"), finish("tool_calls"), usage(40, 8));
			this.provider.answer(text("Here: [out](sandbox:/mnt/data/out.txt)."), finish("stop"), usage(60, 5));
			String assistant = api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"tools\":[{\"type\":\"code_interpreter\"}]}")
				.path("id").asString();
			List<String[]> events = api.post("/threads/runs", "{\"assistant_id\":\"" + assistant + "\",\"stream\":true,"
					+ "\"tool_choice\":{\"type\":\"code_interpreter\"},"
					+ "\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Plot it\"}]}}").events();
			assertThat(events).extracting((event) -> event[0])
				.containsExactly("thread.created", "thread.run.created", "thread.run.queued", "thread.run.in_progress",
						"thread.run.step.created", "thread.run.step.in_progress", "thread.run.step.delta",
						"thread.run.step.delta", "thread.run.step.completed",
						"thread.run.step.created", "thread.run.step.in_progress", "thread.message.created",
						"thread.message.in_progress", "thread.message.delta", "thread.message.delta",
						"thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done");
			// the chat models give a call's arguments whole, once they are
			JsonNode written = JSON.readTree(events.get(6)[1]).at("/delta/step_details/tool_calls/0");
			assertThat(written).isEqualTo(JSON.readTree("{\"index\":0,\"id\":\"call_code\",\"type\":\"code_interpreter\","
					+ "\"code_interpreter\":{\"input\":\"plot(6*7)\\nsave()\",\"outputs\":[]}}"));
			JsonNode outputs = JSON.readTree(events.get(7)[1]).at("/delta/step_details/tool_calls/0/code_interpreter/outputs");
			assertThat(outputs.at("/0")).isEqualTo(JSON.readTree("{\"type\":\"logs\",\"logs\":\"ran: plot(6*7)\\nsave()\",\"index\":0}"));
			String image = outputs.at("/1/image/file_id").asString();
			assertThat(outputs.at("/1/index").asInt()).isEqualTo(1);
			JsonNode call = JSON.readTree(events.get(8)[1]).at("/step_details/tool_calls/0");
			assertThat(call).isEqualTo(JSON.readTree("{\"id\":\"call_code\",\"type\":\"code_interpreter\",\"code_interpreter\":"
					+ "{\"input\":\"plot(6*7)\\nsave()\",\"outputs\":[{\"type\":\"logs\",\"logs\":\"ran: plot(6*7)\\nsave()\"},"
					+ "{\"type\":\"image\",\"image\":{\"file_id\":\"" + image + "\"}}]}}"));
			assertThat(api.ok("GET", "/files/" + image, null).path("purpose").asString()).isEqualTo("assistants_output");

			assertThat(this.provider.requests().get(0).path("tool_choice"))
				.isEqualTo(JSON.readTree("{\"type\":\"function\",\"function\":{\"name\":\"code_interpreter\"}}"));
			assertThat(this.provider.requests().get(0).at("/tools/0/function/name").asString()).isEqualTo("code_interpreter");
			JsonNode second = this.provider.requests().get(1).path("messages");
			assertThat(JSON.readTree(second.at("/1/tool_calls/0/function/arguments").asString()))
				.isEqualTo(JSON.readTree("{\"code\":\"plot(6*7)\\nsave()\"}"));
			assertThat(second.at("/2/content").asString()).isEqualTo("ran: plot(6*7)\nsave()\n(The code displayed 1 image, "
					+ "which the user sees with your answer.)\n(The code wrote sandbox:/mnt/data/out.txt.)");

			assertThat(JSON.readTree(events.get(13)[1]).at("/delta/content/0"))
				.isEqualTo(JSON.readTree("{\"type\":\"image_file\",\"image_file\":{\"file_id\":\"" + image + "\"},\"index\":0}"));
			assertThat(JSON.readTree(events.get(14)[1]).at("/delta/content/0/index").asInt()).isEqualTo(1);
			JsonNode message = JSON.readTree(events.get(15)[1]);
			assertThat(message.at("/content/0/image_file/file_id").asString()).isEqualTo(image);
			JsonNode link = message.at("/content/1/text/annotations/0");
			assertThat(link.path("type").asString()).isEqualTo("file_path");
			assertThat(link.path("text").asString()).isEqualTo("sandbox:/mnt/data/out.txt");
			assertThat(link.path("start_index").asInt()).isEqualTo(12);
			assertThat(link.path("end_index").asInt()).isEqualTo(37);
			String file = link.at("/file_path/file_id").asString();
			assertThat(api.ok("GET", "/files/" + file, null).path("filename").asString()).isEqualTo("out.txt");
		}
	}

	private JsonNode createdRun(String message) {
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
		return this.api.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistant + "\",\"thread\":{\"messages\":["
				+ "{\"role\":\"user\",\"content\":" + JSON.writeValueAsString(message) + "}]}}");
	}

	private String failure(JsonNode run) {
		return this.api.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), "failed").at("/last_error/code")
			.asString();
	}

}
