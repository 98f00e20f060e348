package dev.assistants.engine;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.assistants.api.LastErrorCode;
import dev.assistants.engine.Api.FormFile;
import dev.assistants.engine.Api.KeyHeader;
import dev.assistants.engine.Api.Response;
import dev.assistants.engine.model.ModelException;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.FinishReason;
import dev.assistants.engine.model.ModelOutput.TextDelta;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.BlobStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.StoreTransaction;
import dev.assistants.engine.store.StoredRun;

import static dev.assistants.engine.Api.ids;
import static dev.assistants.engine.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's contract over HTTP, run against every store: the objects it keeps, pagination both
 * ways, the API's invariants under concurrency, isolation between projects, authentication, bad
 * input, and the run lifecycle polled and streamed. A store passes when this suite does. Each test
 * calls as a project of its own, so a store may be shared between tests.
 */
public abstract class EngineContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	protected final TestModel model = new TestModel();

	protected EngineServer server;

	protected Api api;

	/**
	 * The store under test.
	 * @return the store
	 */
	protected abstract AssistantsStore store();

	@BeforeEach
	void startServer() {
		this.server = new EngineServer(store(), this.model);
		this.api = Api.newProject(this.server.baseUrl());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	// The objects

	@Test
	void keepsAssistantsAndAnswersWithTheirFields() {
		JsonNode created = this.api.ok("POST", "/assistants", """
				{"model":"gpt-4o","name":"Helper","description":"Helps","instructions":"Be brief.",
				 "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],
				 "metadata":{"team":"a"},"temperature":0.5,"top_p":0.9,"response_format":{"type":"json_object"},
				 "reasoning_effort":"low"}""");
		String id = created.path("id").asString();
		assertThat(id).startsWith("asst_").hasSize(29);
		assertThat(created.path("object").asString()).isEqualTo("assistant");
		assertThat(created.path("created_at").asLong()).isPositive();
		assertThat(created.path("name").asString()).isEqualTo("Helper");
		assertThat(created.path("description").asString()).isEqualTo("Helps");
		assertThat(created.path("instructions").asString()).isEqualTo("Be brief.");
		assertThat(created.at("/tools/0/function/name").asString()).isEqualTo("lookup");
		assertThat(created.at("/metadata/team").asString()).isEqualTo("a");
		assertThat(created.path("temperature").asDouble()).isEqualTo(0.5);
		assertThat(created.path("top_p").asDouble()).isEqualTo(0.9);
		assertThat(created.at("/response_format/type").asString()).isEqualTo("json_object");
		assertThat(created.has("reasoning_effort")).as("not a field of the assistant object").isFalse();
		assertThat(this.api.ok("GET", "/assistants/" + id, null)).isEqualTo(created);

		JsonNode modified = this.api.ok("POST", "/assistants/" + id, "{\"name\":\"Renamed\",\"metadata\":{\"v\":\"2\"}}");
		assertThat(modified.path("name").asString()).isEqualTo("Renamed");
		assertThat(modified.path("metadata").propertyNames()).containsExactly("v");
		assertThat(modified.path("instructions").asString()).isEqualTo("Be brief.");
		assertThat(ids(this.api.ok("GET", "/assistants", null))).containsExactly(id);

		assertThat(this.api.ok("DELETE", "/assistants/" + id, null).toString())
			.isEqualTo("{\"id\":\"" + id + "\",\"object\":\"assistant.deleted\",\"deleted\":true}");
		assertThat(this.api.get("/assistants/" + id).status()).isEqualTo(404);
	}

	@Test
	void keepsThreadsAndMessages() {
		JsonNode thread = this.api.ok("POST", "/threads", """
				{"messages":[{"role":"user","content":"First"},
				 {"role":"assistant","content":[{"type":"text","text":"Second"}],"metadata":{"m":"1"}}],
				 "metadata":{"k":"v"}}""");
		String threadId = thread.path("id").asString();
		assertThat(threadId).startsWith("thread_");
		assertThat(thread.path("object").asString()).isEqualTo("thread");
		assertThat(thread.at("/metadata/k").asString()).isEqualTo("v");
		assertThat(this.api.ok("POST", "/threads", null).path("id").asString()).startsWith("thread_");
		assertThat(this.api.ok("POST", "/threads/" + threadId, "{\"metadata\":{\"k\":\"w\"}}").at("/metadata/k").asString())
			.isEqualTo("w");

		JsonNode third = this.api.ok("POST", "/threads/" + threadId + "/messages", "{\"role\":\"user\",\"content\":\"Third\"}");
		String messageId = third.path("id").asString();
		assertThat(messageId).startsWith("msg_");
		assertThat(third.path("object").asString()).isEqualTo("thread.message");
		assertThat(third.path("thread_id").asString()).isEqualTo(threadId);
		assertThat(third.path("status").asString()).isEqualTo("completed");
		assertThat(third.path("role").asString()).isEqualTo("user");
		assertThat(third.at("/content/0/type").asString()).isEqualTo("text");
		assertThat(third.at("/content/0/text/value").asString()).isEqualTo("Third");
		assertThat(third.at("/content/0/text/annotations").isArray()).isTrue();
		assertThat(third.path("assistant_id").isNull()).isTrue();
		assertThat(third.path("run_id").isNull()).isTrue();
		assertThat(this.api.ok("GET", "/threads/" + threadId + "/messages/" + messageId, null)).isEqualTo(third);
		assertThat(this.api.ok("POST", "/threads/" + threadId + "/messages/" + messageId, "{\"metadata\":{\"seen\":\"yes\"}}")
			.at("/metadata/seen").asString()).isEqualTo("yes");

		JsonNode messages = this.api.ok("GET", "/threads/" + threadId + "/messages?order=asc", null);
		assertThat(messages.path("data").findValuesAsString("value")).containsExactly("First", "Second", "Third");
		assertThat(messages.at("/data/1/role").asString()).isEqualTo("assistant");
		assertThat(messages.at("/data/1/metadata/m").asString()).isEqualTo("1");

		assertThat(this.api.ok("DELETE", "/threads/" + threadId + "/messages/" + messageId, null).path("object").asString())
			.isEqualTo("thread.message.deleted");
		assertThat(this.api.get("/threads/" + threadId + "/messages/" + messageId).status()).isEqualTo(404);
		assertThat(this.api.ok("DELETE", "/threads/" + threadId, null).path("deleted").asBoolean()).isTrue();
		assertThat(this.api.get("/threads/" + threadId).status()).isEqualTo(404);
	}

	@Test
	void deletingAThreadDeletesItsMessagesRunsAndSteps() {
		String assistantId = assistant();
		String threadId = thread("Hello");
		JsonNode run = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}");
		String runId = run.path("id").asString();
		this.api.awaitRun(threadId, runId, "completed");
		String stepId = this.api.ok("GET", "/threads/" + threadId + "/runs/" + runId + "/steps", null).at("/data/0/id").asString();
		String messageId = this.api.ok("GET", "/threads/" + threadId + "/messages", null).at("/data/0/id").asString();

		this.api.ok("DELETE", "/threads/" + threadId, null);
		for (String path : List.of("/threads/" + threadId + "/messages/" + messageId, "/threads/" + threadId + "/runs/" + runId,
				"/threads/" + threadId + "/runs/" + runId + "/steps/" + stepId, "/threads/" + threadId + "/messages")) {
			assertThat(this.api.get(path).status()).as(path).isEqualTo(404);
		}
		assertThat(this.api.ok("GET", "/assistants/" + assistantId, null).path("id").asString()).isEqualTo(assistantId);
	}

	@Test
	void answersUnknownIdsWith404InOpenAiShape() {
		String threadId = thread("Hi");
		String other = thread("Other");
		String messageId = this.api.ok("GET", "/threads/" + other + "/messages", null).at("/data/0/id").asString();
		Response unknown = this.api.get("/threads/thread_nope");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.text()).isEqualTo("{\"error\":{\"message\":\"No thread found with id 'thread_nope'.\","
				+ "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
		assertThat(unknown.headers().firstValue("x-request-id").orElse("")).startsWith("req_");
		assertThat(this.api.get("/assistants/asst_nope").error().path("message").asString())
			.isEqualTo("No assistant found with id 'asst_nope'.");
		assertThat(this.api.get("/threads/" + threadId + "/messages/" + messageId).error().path("message").asString())
			.as("a message of another thread").isEqualTo("No message found with id '" + messageId + "'.");
		assertThat(this.api.get("/threads/" + threadId + "/runs/run_nope").error().path("message").asString())
			.isEqualTo("No run found with id 'run_nope'.");
		assertThat(this.api.get("/threads/thread_nope/runs/run_nope").error().path("message").asString())
			.as("the missing thread first").isEqualTo("No thread found with id 'thread_nope'.");
		assertThat(this.api.get("/threads/thread_nope/messages").error().path("message").asString())
			.isEqualTo("No thread found with id 'thread_nope'.");
		assertThat(this.api.get("/threads/thread_nope/runs").error().path("message").asString())
			.isEqualTo("No thread found with id 'thread_nope'.");
		assertThat(this.api.ok("GET", "/threads/" + threadId + "/runs", null).path("data")).as("an empty list").isEmpty();
		assertThat(this.api.get("/threads/" + other + "/messages/" + messageId.replace("msg_", "msg_x")).status())
			.isEqualTo(404);
		assertThat(this.api.get("/threads/" + threadId + "/runs/run_nope/steps").status()).isEqualTo(404);
		assertThat(this.api.get("/threads/thread_nope/runs/run_nope/steps/step_nope").error().path("message").asString())
			.isEqualTo("No thread found with id 'thread_nope'.");
		assertThat(this.api.post("/threads/" + threadId + "/runs", "{\"assistant_id\":\"asst_nope\"}").status()).isEqualTo(404);
		assertThat(this.api.get("/nowhere").error().path("message").asString()).isEqualTo("Invalid URL (GET /v1/nowhere)");
	}

	@Test
	void answersPathsAndMethodsTheApiLacksWithInvalidUrl() {
		Response wrongMethod = this.api.send("PUT", "/assistants", "{}");
		assertThat(wrongMethod.status()).isEqualTo(404);
		assertThat(wrongMethod.error().path("message").asString()).isEqualTo("Invalid URL (PUT /v1/assistants)");
		assertThat(this.api.get("").error().path("message").asString()).isEqualTo("Invalid URL (GET /v1)");
		assertThat(this.api.get("/threads/runs/steps/more").status()).isEqualTo(404);
	}

	@Test
	void ignoresTheBodyOfAGetOrADelete() {
		String assistantId = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
		assertThat(this.api.ok("GET", "/assistants/" + assistantId, "not JSON").path("id").asString())
			.isEqualTo(assistantId);
		assertThat(this.api.ok("DELETE", "/assistants/" + assistantId, "not JSON").path("deleted").asBoolean()).isTrue();
	}

	@Test
	void namesEachRequestWithAnIdOfItsOwn() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			String id = this.api.get("/assistants").headers().firstValue("x-request-id").orElse("");
			assertThat(id).matches("req_[0-9a-f]{32}");
			ids.add(id);
		}
		assertThat(ids).hasSize(20);
	}

	// Pagination

	@Test
	void pagesAssistantsBothWays() {
		List<String> created = IntStream.range(0, 5).mapToObj((i) -> assistant()).toList();
		pagesBothWays("/assistants", created);
	}

	@Test
	void pagesMessagesBothWaysAndByRun() {
		String threadId = thread("m0");
		List<String> created = new ArrayList<>(ids(this.api.ok("GET", "/threads/" + threadId + "/messages", null)));
		for (int i = 1; i < 5; i++) {
			created.add(this.api.ok("POST", "/threads/" + threadId + "/messages", "{\"role\":\"user\",\"content\":\"m" + i + "\"}")
				.path("id")
				.asString());
		}
		pagesBothWays("/threads/" + threadId + "/messages", created);

		String runId = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistant() + "\"}")
			.path("id")
			.asString();
		this.api.awaitRun(threadId, runId, "completed");
		JsonNode ofRun = this.api.ok("GET", "/threads/" + threadId + "/messages?run_id=" + runId, null);
		assertThat(ofRun.path("data")).singleElement().satisfies((message) -> {
			assertThat(message.path("run_id").asString()).isEqualTo(runId);
			assertThat(message.path("role").asString()).isEqualTo("assistant");
		});
	}

	@Test
	void pagesRunsAndStepsBothWays() {
		String assistantId = assistant();
		String threadId = thread("go");
		List<String> runs = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String runId = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
				.path("id")
				.asString();
			this.api.awaitRun(threadId, runId, "completed");
			runs.add(runId);
		}
		pagesBothWays("/threads/" + threadId + "/runs", runs);

		this.model.thenCall("a", "{}").thenCall("b", "{}").thenReply("done");
		String runId = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
			.path("id")
			.asString();
		for (int round = 0; round < 2; round++) {
			JsonNode run = this.api.awaitRun(threadId, runId, "requires_action");
			submit(threadId, run, "out");
		}
		this.api.awaitRun(threadId, runId, "completed");
		List<String> steps = ids(this.api.ok("GET", "/threads/" + threadId + "/runs/" + runId + "/steps?order=asc", null));
		assertThat(steps).hasSize(3);
		pagesBothWays("/threads/" + threadId + "/runs/" + runId + "/steps", steps);
	}

	@Test
	void refusesACursorFromAnotherList() {
		String threadId = thread("a");
		String otherMessage = this.api.ok("GET", "/threads/" + thread("b") + "/messages", null).at("/data/0/id").asString();
		Response response = this.api.get("/threads/" + threadId + "/messages?after=" + otherMessage);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.error().path("param").asString()).isEqualTo("after");
		assertThat(this.api.get("/assistants?limit=0").error().path("param").asString()).isEqualTo("limit");
		assertThat(this.api.get("/assistants?limit=101").status()).isEqualTo(400);
		assertThat(this.api.get("/assistants?order=up").error().path("message").asString())
			.isEqualTo("Invalid value for 'order': 'up'. Supported values are: 'asc' and 'desc'.");
	}

	/**
	 * Every order, walked forward with {@code after} and backward with {@code before} two at a
	 * time, gives the objects in creation order (or its reverse), each page with its
	 * {@code first_id}, {@code last_id} and {@code has_more}.
	 */
	private void pagesBothWays(String path, List<String> created) {
		for (String order : List.of("asc", "desc")) {
			List<String> expected = new ArrayList<>(created);
			if (order.equals("desc")) {
				Collections.reverse(expected);
			}
			assertThat(ids(this.api.ok("GET", path + "?order=" + order + "&limit=100", null))).as(order).isEqualTo(expected);
			List<String> forward = new ArrayList<>();
			String after = null;
			boolean more = true;
			while (more) {
				JsonNode page = this.api.ok("GET", path + "?order=" + order + "&limit=2" + ((after != null) ? "&after=" + after : ""), null);
				checkEnds(page);
				forward.addAll(ids(page));
				more = page.path("has_more").asBoolean();
				after = page.path("last_id").asString();
			}
			assertThat(forward).as("%s forward", order).isEqualTo(expected);
			List<String> backward = new ArrayList<>(List.of(expected.get(expected.size() - 1)));
			String before = expected.get(expected.size() - 1);
			more = true;
			while (more) {
				JsonNode page = this.api.ok("GET", path + "?order=" + order + "&limit=2&before=" + before, null);
				checkEnds(page);
				List<String> ids = ids(page);
				assertThat(ids).as("%s page before %s", order, before)
					.isEqualTo(expected.subList(Math.max(0, expected.indexOf(before) - 2), expected.indexOf(before)));
				backward.addAll(0, ids);
				more = page.path("has_more").asBoolean();
				before = page.path("first_id").asString();
			}
			assertThat(backward).as("%s backward", order).isEqualTo(expected);
		}
		JsonNode last = this.api.ok("GET", path + "?order=asc&after=" + created.get(created.size() - 1), null);
		assertThat(last.path("data").isEmpty()).isTrue();
		assertThat(last.path("has_more").asBoolean()).isFalse();
		assertThat(last.path("first_id").isNull()).isTrue();
	}

	private static void checkEnds(JsonNode page) {
		List<String> ids = ids(page);
		assertThat(page.path("object").asString()).isEqualTo("list");
		assertThat(page.path("first_id").asString()).isEqualTo(ids.get(0));
		assertThat(page.path("last_id").asString()).isEqualTo(ids.get(ids.size() - 1));
	}

	// Invariants under concurrency

	@Test
	void aThreadHasOneActiveRunWhateverArrivesAtOnce() {
		String assistantId = assistant();
		List<String> threads = IntStream.range(0, 8).mapToObj((i) -> thread("go " + i)).toList();
		List<Sinks.Empty<Void>> gates = threads.stream().map((thread) -> this.model.thenWait()).toList();
		List<CompletableFuture<Response>> responses = new ArrayList<>();
		for (String threadId : threads) {
			for (int i = 0; i < 2; i++) {
				responses.add(this.api.sendAsync("POST", "/threads/" + threadId + "/runs",
						"{\"assistant_id\":\"" + assistantId + "\"}", null));
			}
		}
		for (int i = 0; i < threads.size(); i++) {
			List<Response> pair = List.of(responses.get(2 * i).join(), responses.get(2 * i + 1).join());
			assertThat(pair).extracting(Response::status).containsExactlyInAnyOrder(200, 400);
			Response refused = pair.stream().filter((response) -> response.status() == 400).findFirst().orElseThrow();
			assertThat(refused.error().path("message").asString()).startsWith("Thread " + threads.get(i) + " already has an active run run_");
		}
		gates.forEach(Sinks.Empty::tryEmitEmpty);
		for (String threadId : threads) {
			JsonNode runs = this.api.ok("GET", "/threads/" + threadId + "/runs", null);
			assertThat(runs.path("data")).hasSize(1);
			this.api.awaitRun(threadId, runs.at("/data/0/id").asString(), "completed");
		}
	}

	@Test
	void noMessageIsAddedWhileARunIsActive() {
		String assistantId = assistant();
		for (int attempt = 0; attempt < 4; attempt++) {
			String threadId = thread("start");
			Sinks.Empty<Void> gate = this.model.thenWait();
			List<CompletableFuture<Response>> messages = new ArrayList<>();
			CompletableFuture<Response> run = null;
			for (int i = 0; i < 12; i++) {
				messages.add(this.api.sendAsync("POST", "/threads/" + threadId + "/messages",
						"{\"role\":\"user\",\"content\":\"racing " + i + "\"}", null));
				if (i == 3) {
					run = this.api.sendAsync("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId
							+ "\",\"additional_messages\":[{\"role\":\"user\",\"content\":\"MARK\"}]}", null);
				}
			}
			assertThat(run.join().status()).isEqualTo(200);
			long added = messages.stream().map(CompletableFuture::join).filter((response) -> {
				if (response.status() != 200) {
					assertThat(response.status()).isEqualTo(400);
					assertThat(response.error().path("message").asString()).contains("while a run", "is active");
				}
				return response.status() == 200;
			}).count();
			List<String> texts = this.api.ok("GET", "/threads/" + threadId + "/messages?order=asc&limit=100", null)
				.path("data")
				.findValuesAsString("value");
			assertThat(texts.subList(texts.indexOf("MARK") + 1, texts.size())).as("user messages after the run started")
				.allSatisfy((text) -> assertThat(text).doesNotStartWith("racing"));
			assertThat(texts.indexOf("MARK")).isEqualTo(1 + (int) added);
			gate.tryEmitEmpty();
		}
	}

	// Projects and keys

	@ParameterizedTest
	@EnumSource(KeyHeader.class)
	void aProjectNeverSeesAnotherProjectsObjects(KeyHeader keyHeader) {
		this.api = Api.newProject(this.server.baseUrl(), keyHeader);
		String assistantId = assistant();
		String threadId = thread("secret");
		String runId = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
			.path("id")
			.asString();
		this.api.awaitRun(threadId, runId, "completed");
		String messageId = this.api.ok("GET", "/threads/" + threadId + "/messages", null).at("/data/0/id").asString();

		Api other = Api.newProject(this.server.baseUrl(), keyHeader);
		String ownThread = other.ok("POST", "/threads", null).path("id").asString();
		for (String path : List.of("/assistants/" + assistantId, "/threads/" + threadId, "/threads/" + threadId + "/messages",
				"/threads/" + threadId + "/messages/" + messageId, "/threads/" + threadId + "/runs/" + runId,
				"/threads/" + threadId + "/runs")) {
			Response response = other.get(path);
			assertThat(response.status()).as(path).isEqualTo(404);
		}
		assertThat(other.get("/assistants/" + assistantId).text()).isEqualTo(Api.withKey(this.server.baseUrl(),
				EngineServer.KEY_PREFIX + "third").get("/assistants/" + assistantId).text());
		assertThat(other.post("/assistants/" + assistantId, "{\"name\":\"mine\"}").status()).isEqualTo(404);
		assertThat(other.delete("/threads/" + threadId).status()).isEqualTo(404);
		assertThat(other.post("/threads/" + threadId + "/messages", "{\"role\":\"user\",\"content\":\"x\"}").status()).isEqualTo(404);
		assertThat(other.post("/threads/" + ownThread + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}").status())
			.as("another project's assistant").isEqualTo(404);
		assertThat(other.ok("GET", "/assistants", null).path("data").isEmpty()).isTrue();
		assertThat(other.get("/assistants?after=" + assistantId).status()).isEqualTo(400);
		assertThat(this.api.ok("GET", "/threads/" + threadId, null).path("id").asString()).isEqualTo(threadId);
	}

	@Test
	void twoProjectsHammeringTheServerAtOnceNeverSeeEachOthersObjects() {
		Api first = Api.newProject(this.server.baseUrl());
		Api second = Api.newProject(this.server.baseUrl());
		List<List<String>> created = IntStream.range(0, 2).mapToObj((i) -> Collections.synchronizedList(new ArrayList<String>())).toList();
		List<Api> projects = List.of(first, second);
		CompletableFuture.allOf(IntStream.range(0, 60).mapToObj((i) -> CompletableFuture.runAsync(() -> {
			Api caller = projects.get(i % 2);
			List<String> own = created.get(i % 2);
			own.add(caller.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString());
			String threadId = caller.ok("POST", "/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
				.path("id")
				.asString();
			own.add(threadId);
			// every list read meanwhile holds only the caller's own objects
			assertThat(Api.ids(caller.ok("GET", "/assistants?limit=100", null)))
				.noneMatch((id) -> created.get((i + 1) % 2).contains(id));
			assertThat(caller.get("/threads/" + threadId).status()).isEqualTo(200);
		})).toArray(CompletableFuture[]::new)).join();
		for (int i = 0; i < 2; i++) {
			Api caller = projects.get(i);
			List<String> own = created.get(i);
			List<String> others = created.get(1 - i);
			assertThat(Api.ids(caller.ok("GET", "/assistants?limit=100", null))).hasSize(30)
				.allMatch(own::contains)
				.noneMatch(others::contains);
			for (String id : others) {
				assertThat(caller.get((id.startsWith("asst_") ? "/assistants/" : "/threads/") + id).status()).as(id)
					.isEqualTo(404);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(KeyHeader.class)
	void refusesCallersWithoutAKnownKey(KeyHeader keyHeader) {
		Response missing = Api.withKey(this.server.baseUrl(), null, keyHeader).get("/assistants");
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.error().path("message").asString()).startsWith("You didn't provide an API key.");
		assertThat(missing.headers().firstValue("x-request-id")).get(InstanceOfAssertFactories.STRING).startsWith("req_");
		Response wrong = Api.withKey(this.server.baseUrl(), "sk-wrong-secret", keyHeader).get("/assistants");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.error().path("code").asString()).isEqualTo("invalid_api_key");
		assertThat(wrong.text()).doesNotContain("sk-wrong-secret");
		assertThat(Api.withKey(this.server.baseUrl(), "sk-wrong-secret", keyHeader).get("/no-such-path").status())
			.as("refused before its route is looked for").isEqualTo(401);
		assertThat(Api.withAuthorization(this.server.baseUrl(), "Basic abc").get("/assistants").status()).isEqualTo(401);
		assertThat(Api.newProject(this.server.baseUrl(), keyHeader).get("/assistants").status()).isEqualTo(200);
	}

	@Test
	void refusesARequestWithTwoDifferentKeys() {
		Api project = Api.newProject(this.server.baseUrl());
		Api other = Api.newProject(this.server.baseUrl());
		String assistantId = project.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
		for (String[] keys : List.of(new String[] { project.key(), other.key() },
				new String[] { other.key(), project.key() }, new String[] { project.key(), "sk-unknown" })) {
			Response response = Api.withKey(this.server.baseUrl(), keys[0])
				.sendWithHeaders("GET", "/assistants/" + assistantId, null, Map.of(KeyHeader.API_KEY.header(), keys[1]))
				.join();
			assertThat(response.status()).as(response.text()).isEqualTo(401);
			assertThat(response.error().path("code").asString()).isEqualTo("invalid_api_key");
			assertThat(response.text()).doesNotContain(keys[0]).doesNotContain(keys[1]);
		}
		Response same = Api.withKey(this.server.baseUrl(), project.key())
			.sendWithHeaders("GET", "/assistants/" + assistantId, null, Map.of(KeyHeader.API_KEY.header(), project.key()))
			.join();
		assertThat(same.status()).as("the same key in both").isEqualTo(200);
	}

	@Test
	void listsTheProjectsThreadsForTheConsoleNewestFirstAndByMetadata() {
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			created.add(this.api.ok("POST", "/threads", "{\"metadata\":{\"customer\":\"c" + (i % 2) + "\"}}").path("id")
				.asString());
		}
		Api console = Api.withKey(this.server.baseUrl().replace("/v1", "/console/api"), this.api.key());
		JsonNode all = console.ok("GET", "/threads", null);
		assertThat(ids(all)).containsExactly(created.get(2), created.get(1), created.get(0));
		JsonNode first = console.ok("GET", "/threads?limit=2", null);
		assertThat(ids(first)).containsExactly(created.get(2), created.get(1));
		assertThat(first.path("has_more").asBoolean()).isTrue();
		assertThat(ids(console.ok("GET", "/threads?limit=2&after=" + created.get(1), null))).containsExactly(created.get(0));
		assertThat(ids(console.ok("GET", "/threads?metadata%5Bcustomer%5D=c0", null)))
			.containsExactly(created.get(2), created.get(0));
		Api other = Api.newProject(this.server.baseUrl().replace("/v1", "/console/api"));
		assertThat(ids(other.ok("GET", "/threads", null))).isEmpty();
		assertThat(Api.withKey(this.server.baseUrl().replace("/v1", "/console/api"), null).get("/threads").status())
			.isEqualTo(401);
	}

	@Test
	void listsTheProjectsRunsAcrossItsThreadsForTheConsoleByStatus() {
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
		List<JsonNode> runs = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			JsonNode run = this.api.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistant
					+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}");
			runs.add(this.api.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), "completed"));
		}
		Api console = Api.withKey(this.server.baseUrl().replace("/v1", "/console/api"), this.api.key());
		JsonNode all = console.ok("GET", "/runs", null);
		assertThat(ids(all)).containsExactly(runs.get(1).path("id").asString(), runs.get(0).path("id").asString());
		assertThat(all.at("/data/0/usage/total_tokens").isNumber()).isTrue();
		assertThat(ids(console.ok("GET", "/runs?status=completed&limit=1", null))).hasSize(1);
		assertThat(ids(console.ok("GET", "/runs?status=failed", null))).isEmpty();
		assertThat(ids(Api.newProject(this.server.baseUrl().replace("/v1", "/console/api")).ok("GET", "/runs", null))).isEmpty();
	}

	// Bad input

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aClientThatLeavesInTheMiddleOfItsRequestIsNoErrorOfTheServer(CapturedOutput output) throws Exception {
		URI server = URI.create(this.server.baseUrl());
		try (Socket socket = new Socket(server.getHost(), server.getPort())) {
			socket.getOutputStream()
				.write(("POST /v1/assistants HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.api.key()
						+ "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":")
					.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			Thread.sleep(200);
		}
		Thread.sleep(300);
		assertThat(this.api.ok("GET", "/assistants", null).path("data")).isEmpty();
		assertThat(output).doesNotContain("ERROR").doesNotContain(") failed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/assistants", "/v1/nowhere" })
	void keepsAnsweringAConnectionWhoseRequestsArriveTogether(String second) throws Exception {
		// the first waits for the file's bytes, so the second arrives before the first is answered;
		// the second is answered at once, as it arrives (reactor/reactor-netty#4361 stopped reading then)
		String fileId = this.api.postForm("/files", Map.of("purpose", "assistants"),
				new FormFile("file", "notes.txt", "text/plain", "notes".getBytes(StandardCharsets.UTF_8))).json()
			.path("id")
			.asString();
		URI server = URI.create(this.server.baseUrl());
		String headers = " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.api.key() + "\r\n\r\n";
		try (Socket socket = new Socket(server.getHost(), server.getPort())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			out.write(("GET /v1/files/" + fileId + "/content" + headers + "GET " + second + headers)
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(RawResponse.read(in).body()).isEqualTo("notes");
			assertThat(RawResponse.read(in).status()).isEqualTo(second.equals("/v1/nowhere") ? 404 : 200);
			out.write(("GET /v1/assistants" + headers).getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(RawResponse.read(in).status()).as("the next request on the connection").isEqualTo(200);
		}
	}

	@Test
	void refusesBadBodiesInOpenAiShapeAndWritesNothing() {
		assertBadRequest(this.api.post("/assistants", "{\"model\":"), null, null);
		assertBadRequest(this.api.post("/assistants", "[1]"), null, null);
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"gpt-4o\",\"colour\":\"blue\"}"), "colour", "unknown_parameter");
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"gpt-4o\",\"temperature\":\"1\"}"), "temperature", "invalid_type");
		assertBadRequest(this.api.post("/assistants", "{\"model\":5}"), "model", "invalid_type");
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"m\",\"metadata\":{\"a\":1}}"), "metadata.a", "invalid_type");
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"m\",\"tools\":[{\"type\":\"web_browser\"}]}"), "tools[0]", "invalid_value");
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"m\",\"temperature\":3}"), "temperature", null);
		assertBadRequest(this.api.post("/assistants", "{\"name\":\"no model\"}"), "model", null);
		StringBuilder metadata = new StringBuilder("{");
		for (int i = 0; i < 17; i++) {
			metadata.append((i > 0) ? "," : "").append("\"k").append(i).append("\":\"v\"");
		}
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"m\",\"metadata\":" + metadata + "}}"), "metadata", null);
		Response tooLarge = this.api.post("/assistants", "{\"model\":\"m\",\"instructions\":" + json("x".repeat(70_000)) + "}");
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.error().path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(this.api.ok("GET", "/assistants", null).path("data").isEmpty()).as("nothing written").isTrue();

		assertBadRequest(this.api.post("/threads", "{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}"),
				"messages[0].role", "invalid_value");
		String threadId = thread("hi");
		assertBadRequest(this.api.post("/threads/" + threadId + "/messages", "{\"role\":\"user\"}"), "content", null);
		assertBadRequest(this.api.post("/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistant()
				+ "\",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"missing\"}}}"), "tool_choice", "invalid_value");
		assertBadRequest(this.api.post("/threads/" + threadId + "/runs?include[]=everything", "{\"assistant_id\":\"a\"}"),
				"include[]", "invalid_value");
		assertThat(this.api.ok("GET", "/threads/" + threadId + "/messages", null).path("data")).hasSize(1);
		assertThat(this.api.ok("GET", "/threads/" + threadId + "/runs", null).path("data").isEmpty()).isTrue();
	}

	@Test
	void refusesTextNoStoreCouldHoldAndWritesNothing() {
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"m\",\"name\":\"a\\u0000b\"}"), "name",
				"invalid_value");
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"m\",\"metadata\":{\"k\":\"\\u0000\"}}"),
				"metadata.k", "invalid_value");
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"m\",\"metadata\":{\"k\\u0000\":\"v\"}}"),
				"metadata.k\u0000", "invalid_value");
		assertBadRequest(this.api.post("/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\\u0000\"}]}"),
				"messages[0].content", "invalid_value");
		String threadId = thread("hi");
		assertBadRequest(this.api.post("/threads/" + threadId + "/messages",
				"{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"\\u0000\"}]}"), "content[0].text",
				"invalid_value");
		assertBadRequest(this.api.get("/assistants/asst_%00"), null, "invalid_url");
		assertBadRequest(this.api.get("/threads/" + threadId + "/messages?after=msg_%00"), null, "invalid_url");
		assertThat(this.api.ok("GET", "/assistants", null).path("data").isEmpty()).as("nothing written").isTrue();
		assertThat(this.api.ok("GET", "/threads/" + threadId + "/messages", null).path("data")).hasSize(1);
	}

	@Test
	void refusesBodiesThatAreNotUnicodeTextAndAltersNothing() {
		byte[] invalidUtf8 = "{\"model\":\"m\",\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
		Response latin1 = this.api.postBytes("/assistants", invalidUtf8);
		assertBadRequest(latin1, null, null);
		assertThat(latin1.error().path("message").asString()).contains("not valid UTF-8");
		Response loneSurrogate = this.api.post("/assistants", "{\"model\":\"m\",\"name\":\"\\ud800\"}");
		assertBadRequest(loneSurrogate, null, null);
		assertThat(loneSurrogate.error().path("message").asString()).startsWith("We could not parse the JSON body")
			.contains("lone surrogate");
		assertBadRequest(this.api.post("/assistants", "{\"model\":\"m\",\"name\":\"\\udc00\\ud800\"}"), null, null);
		assertThat(this.api.ok("GET", "/assistants", null).path("data").isEmpty()).as("nothing written").isTrue();

		String text = "caf\u00e9 \ud83d\ude00 \u4e2d\u6587";
		JsonNode kept = this.api.ok("POST", "/assistants", "{\"model\":\"m\",\"name\":" + json(text)
				+ ",\"description\":\"\\ud83d\\ude00\"}");
		assertThat(kept.path("name").asString()).as("real text, kept as sent").isEqualTo(text);
		assertThat(kept.path("description").asString()).isEqualTo("\ud83d\ude00");
		assertThat(this.api.ok("GET", "/assistants/" + kept.path("id").asString(), null).path("name").asString())
			.isEqualTo(text);
	}

	/** A clock that stands still until a test moves it on. */
	private static final class MovingClock extends Clock {

		private volatile Instant now = Instant.now();

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	private static void assertBadRequest(Response response, String param, String code) {
		assertThat(response.status()).as(response.text()).isEqualTo(400);
		JsonNode error = response.error();
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.path("message").asString()).isNotBlank();
		assertThat(error.path("param").asString(null)).as(response.text()).isEqualTo(param);
		assertThat(error.path("code").asString(null)).as(response.text()).isEqualTo(code);
	}

	// Files and uploads

	@Test
	void keepsFilesAndTheirBytes() {
		byte[] notes = "Our refund window is 30 days.\n".getBytes(StandardCharsets.UTF_8);
		JsonNode file = this.api.postForm("/files", Map.of("purpose", "assistants"),
				new FormFile("file", "notes.txt", "text/plain", notes)).json();
		String fileId = file.path("id").asString();
		assertThat(fileId).startsWith("file-");
		assertThat(file.path("object").asString()).isEqualTo("file");
		assertThat(file.path("bytes").asLong()).isEqualTo(notes.length);
		assertThat(file.path("filename").asString()).isEqualTo("notes.txt");
		assertThat(file.path("purpose").asString()).isEqualTo("assistants");
		assertThat(file.path("status").asString()).isEqualTo("processed");
		assertThat(file.path("created_at").asLong()).isPositive();
		assertThat(file.path("expires_at").isNull()).isTrue();
		assertThat(file.propertyNames()).doesNotContain("_content_type");
		assertThat(this.api.ok("GET", "/files/" + fileId, null)).isEqualTo(file);

		byte[] data = new byte[2_500_000];
		new java.util.Random(42).nextBytes(data);
		JsonNode batch = this.api.postForm("/files", Map.of("purpose", "batch", "expires_after[anchor]", "created_at",
				"expires_after[seconds]", "3600"), new FormFile("file", "data.bin", "application/octet-stream", data)).json();
		assertThat(batch.path("expires_at").asLong()).isEqualTo(batch.path("created_at").asLong() + 3600);
		assertThat(ids(this.api.ok("GET", "/files", null))).containsExactly(batch.path("id").asString(), fileId);
		assertThat(ids(this.api.ok("GET", "/files?purpose=assistants", null))).containsExactly(fileId);
		assertThat(ids(this.api.ok("GET", "/files?order=asc&limit=1", null))).containsExactly(fileId);

		HttpResponse<byte[]> content = this.api.getBytes("/files/" + fileId + "/content");
		assertThat(content.statusCode()).isEqualTo(200);
		assertThat(content.headers().firstValue("content-type")).hasValue("text/plain");
		assertThat(content.body()).isEqualTo(notes);
		HttpResponse<byte[]> binary = this.api.getBytes("/files/" + batch.path("id").asString() + "/content");
		assertThat(binary.body()).as("more than a part of the store's").isEqualTo(data);

		assertThat(this.api.ok("DELETE", "/files/" + fileId, null).toString())
			.isEqualTo("{\"id\":\"" + fileId + "\",\"object\":\"file\",\"deleted\":true}");
		assertThat(this.api.get("/files/" + fileId).status()).isEqualTo(404);
		assertThat(this.api.getBytes("/files/" + fileId + "/content").statusCode()).isEqualTo(404);
		assertThat(ids(this.api.ok("GET", "/files", null))).containsExactly(batch.path("id").asString());
	}

	@Test
	void deletesAFileWithItsBytesWhenItExpires() {
		MovingClock clock = new MovingClock();
		try (EngineServer server = new EngineServer(store(), this.model, (engine) -> engine.clock(clock)
			.expiryCheckInterval(Duration.ofMillis(200)))) {
			Api caller = Api.newProject(server.baseUrl());
			String project = caller.key().substring(EngineServer.KEY_PREFIX.length());
			String expiring = caller.postForm("/files", Map.of("purpose", "assistants", "expires_after[anchor]",
					"created_at", "expires_after[seconds]", "3600"), new FormFile("file", "a.txt", "text/plain",
							"soon gone".getBytes(StandardCharsets.UTF_8))).json().path("id").asString();
			String kept = caller.postForm("/files", Map.of("purpose", "assistants"), new FormFile("file", "b.txt",
					"text/plain", "kept".getBytes(StandardCharsets.UTF_8))).json().path("id").asString();
			clock.advance(Duration.ofSeconds(3600));
			assertThat(caller.get("/files/" + expiring).status()).as("gone to the API at once").isEqualTo(404);
			assertThat(ids(caller.ok("GET", "/files", null))).containsExactly(kept);
			Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				Optional<ObjectNode> file = store().inTransaction((tx) -> tx.find(ObjectKind.FILE, project, expiring));
				assertThat(file).as("the file's object").isEmpty();
				assertThat(store().blobs().read(expiring).collectList().block(Duration.ofSeconds(5))).as("its bytes").isEmpty();
			});
			assertThat(caller.getBytes("/files/" + kept + "/content").body()).asString(StandardCharsets.UTF_8)
				.isEqualTo("kept");
		}
	}

	@Test
	void anUploadThatExpiresKeepsNoneOfItsParts() {
		MovingClock clock = new MovingClock();
		try (EngineServer server = new EngineServer(store(), this.model, (engine) -> engine.clock(clock)
			.expiryCheckInterval(Duration.ofMillis(200)))) {
			Api caller = Api.newProject(server.baseUrl());
			String project = caller.key().substring(EngineServer.KEY_PREFIX.length());
			String uploadId = caller.ok("POST", "/uploads", "{\"filename\":\"big.bin\",\"purpose\":\"assistants\","
					+ "\"bytes\":10,\"mime_type\":\"application/octet-stream\"}").path("id").asString();
			String partId = caller.postForm("/uploads/" + uploadId + "/parts", Map.of(),
					new FormFile("data", "blob", "application/octet-stream", "abandoned".getBytes(StandardCharsets.UTF_8)))
				.json()
				.path("id")
				.asString();
			assertThat(store().blobs().read(partId).collectList().block(Duration.ofSeconds(5))).isNotEmpty();
			clock.advance(Duration.ofSeconds(3600));
			Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(store().blobs().read(partId).collectList().block(Duration.ofSeconds(5))).as("its part's bytes")
					.isEmpty();
				assertThat(store().inTransaction((tx) -> tx.find(ObjectKind.UPLOAD, project, uploadId))
					.map((upload) -> upload.path("status").asString())).as("kept as").hasValue("expired");
			});
			assertThat(caller.post("/uploads/" + uploadId + "/complete", "{\"part_ids\":[\"" + partId + "\"]}").status())
				.isEqualTo(400);
		}
	}

	@Test
	void refusesBadFilesAndKeepsNothingOfThem() {
		FormFile file = new FormFile("file", "a.txt", "text/plain", "a".getBytes(StandardCharsets.UTF_8));
		assertBadRequest(this.api.postForm("/files", Map.of(), file), "purpose", "missing_required_parameter");
		assertBadRequest(this.api.postForm("/files", Map.of("purpose", "memes"), file), "purpose", "invalid_value");
		assertBadRequest(this.api.postForm("/files", Map.of("purpose", "assistants"), null), "file",
				"missing_required_parameter");
		assertBadRequest(this.api.postForm("/files", Map.of("purpose", "assistants", "colour", "blue"), file), "colour",
				"unknown_parameter");
		assertBadRequest(this.api.postForm("/files", Map.of("purpose", "assistants", "expires_after[anchor]",
				"created_at", "expires_after[seconds]", "60"), file), "expires_after", "invalid_value");
		assertBadRequest(this.api.postForm("/files", Map.of("purpose", "assistants"),
				new FormFile("document", "a.txt", "text/plain", new byte[1])), "document", "invalid_value");
		assertBadRequest(this.api.post("/files", "{\"purpose\":\"assistants\"}"), null, "invalid_content_type");
		assertThat(this.api.ok("GET", "/files", null).path("data").isEmpty()).as("nothing kept").isTrue();
		assertThat(this.api.get("/files?limit=10001").status()).isEqualTo(400);
	}

	@Test
	void refusesAFileOverTheLimitAsItsBytesCrossIt() {
		try (EngineServer small = new EngineServer(store(), this.model, (engine) -> engine.maxFileSize(1024 * 1024))) {
			Api caller = Api.newProject(small.baseUrl());
			Response tooLarge = caller.postForm("/files", Map.of("purpose", "assistants"),
					new FormFile("file", "big.bin", "application/octet-stream", new byte[1024 * 1024 + 1]));
			assertThat(tooLarge.status()).isEqualTo(413);
			assertThat(tooLarge.error().path("code").asString()).isEqualTo("file_too_large");
			assertThat(caller.ok("GET", "/files", null).path("data").isEmpty()).isTrue();
			assertThat(caller.postForm("/files", Map.of("purpose", "assistants"),
					new FormFile("file", "fits.bin", "application/octet-stream", new byte[1024 * 1024])).status())
				.isEqualTo(200);
		}
	}

	@Test
	void aProjectNeverSeesAnotherProjectsFiles() {
		String fileId = this.api.postForm("/files", Map.of("purpose", "assistants"),
				new FormFile("file", "secret.txt", "text/plain", "secret".getBytes(StandardCharsets.UTF_8))).json()
			.path("id").asString();
		Api other = Api.newProject(this.server.baseUrl());
		assertThat(other.get("/files/" + fileId).status()).isEqualTo(404);
		assertThat(other.getBytes("/files/" + fileId + "/content").statusCode()).isEqualTo(404);
		assertThat(other.delete("/files/" + fileId).status()).isEqualTo(404);
		assertThat(other.ok("GET", "/files", null).path("data").isEmpty()).isTrue();
		assertThat(this.api.getBytes("/files/" + fileId + "/content").body()).asString(StandardCharsets.UTF_8)
			.isEqualTo("secret");
	}

	@Test
	void joinsTheUploadedPartsIntoAFileInTheOrderGiven() throws Exception {
		byte[] first = "Hello, ".getBytes(StandardCharsets.UTF_8);
		byte[] second = "uploaded world!".getBytes(StandardCharsets.UTF_8);
		JsonNode upload = this.api.ok("POST", "/uploads", "{\"filename\":\"hello.txt\",\"purpose\":\"assistants\","
				+ "\"bytes\":" + (first.length + second.length) + ",\"mime_type\":\"text/plain\"}");
		String uploadId = upload.path("id").asString();
		assertThat(uploadId).startsWith("upload_");
		assertThat(upload.path("object").asString()).isEqualTo("upload");
		assertThat(upload.path("status").asString()).isEqualTo("pending");
		assertThat(upload.path("expires_at").asLong()).isEqualTo(upload.path("created_at").asLong() + 3600);
		assertThat(upload.path("file").isNull()).isTrue();
		JsonNode secondPart = this.api.postForm("/uploads/" + uploadId + "/parts", Map.of(),
				new FormFile("data", "blob", "application/octet-stream", second)).json();
		JsonNode firstPart = this.api.postForm("/uploads/" + uploadId + "/parts", Map.of(),
				new FormFile("data", "blob", "application/octet-stream", first)).json();
		assertThat(firstPart.path("id").asString()).startsWith("part_");
		assertThat(firstPart.path("object").asString()).isEqualTo("upload.part");
		assertThat(firstPart.path("upload_id").asString()).isEqualTo(uploadId);

		assertBadRequest(this.api.post("/uploads/" + uploadId + "/complete", "{\"part_ids\":[\""
				+ firstPart.path("id").asString() + "\"]}"), "part_ids", "invalid_value");
		assertBadRequest(this.api.post("/uploads/" + uploadId + "/complete", "{\"part_ids\":[\"part_nope\"]}"),
				"part_ids[0]", "invalid_value");
		String partIds = "[\"" + firstPart.path("id").asString() + "\",\"" + secondPart.path("id").asString() + "\"]";
		assertBadRequest(this.api.post("/uploads/" + uploadId + "/complete", "{\"part_ids\":" + partIds
				+ ",\"md5\":\"00000000000000000000000000000000\"}"), "md5", "invalid_value");
		byte[] whole = "Hello, uploaded world!".getBytes(StandardCharsets.UTF_8);
		String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(whole));
		JsonNode completed = this.api.ok("POST", "/uploads/" + uploadId + "/complete", "{\"part_ids\":" + partIds
				+ ",\"md5\":\"" + md5 + "\"}");
		assertThat(completed.path("status").asString()).isEqualTo("completed");
		JsonNode file = completed.path("file");
		assertThat(file.path("object").asString()).isEqualTo("file");
		assertThat(file.path("filename").asString()).isEqualTo("hello.txt");
		assertThat(file.path("bytes").asLong()).isEqualTo(whole.length);
		assertThat(completed.propertyNames()).noneMatch((name) -> name.startsWith("_"));
		HttpResponse<byte[]> content = this.api.getBytes("/files/" + file.path("id").asString() + "/content");
		assertThat(content.body()).isEqualTo(whole);
		assertThat(content.headers().firstValue("content-type")).hasValue("text/plain");
		assertThat(this.api.ok("GET", "/files/" + file.path("id").asString(), null)).isEqualTo(file);
		assertThat(this.api.post("/uploads/" + uploadId + "/cancel", null).error().path("code").asString())
			.isEqualTo("invalid_upload_status");
		assertThat(this.api.postForm("/uploads/" + uploadId + "/parts", Map.of(),
				new FormFile("data", "blob", "application/octet-stream", first)).status()).isEqualTo(400);
	}

	@Test
	void cancelsAnUploadAndRefusesBadOnes() {
		assertBadRequest(this.api.post("/uploads", "{\"filename\":\"a\",\"purpose\":\"memes\",\"bytes\":1,"
				+ "\"mime_type\":\"text/plain\"}"), "purpose", "invalid_value");
		assertBadRequest(this.api.post("/uploads", "{\"filename\":\"a\",\"purpose\":\"assistants\",\"bytes\":1}"),
				"mime_type", null);
		assertBadRequest(this.api.post("/uploads", "{\"filename\":\"a\",\"purpose\":\"assistants\",\"bytes\":"
				+ (1L << 40) + ",\"mime_type\":\"text/plain\"}"), "bytes", "invalid_value");
		String uploadId = this.api.ok("POST", "/uploads", "{\"filename\":\"a.txt\",\"purpose\":\"assistants\","
				+ "\"bytes\":1,\"mime_type\":\"text/plain\"}").path("id").asString();
		this.api.postForm("/uploads/" + uploadId + "/parts", Map.of(), new FormFile("data", "blob", "text/plain",
				"a".getBytes(StandardCharsets.UTF_8)));
		assertBadRequest(this.api.postForm("/uploads/" + uploadId + "/parts", Map.of(), new FormFile("data", "blob",
				"text/plain", "b".getBytes(StandardCharsets.UTF_8))), "data", "invalid_value");
		JsonNode cancelled = this.api.ok("POST", "/uploads/" + uploadId + "/cancel", null);
		assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
		assertThat(cancelled.path("file").isNull()).isTrue();
		assertThat(this.api.post("/uploads/" + uploadId + "/complete", "{\"part_ids\":[]}").status()).isEqualTo(400);
		assertThat(Api.newProject(this.server.baseUrl()).post("/uploads/" + uploadId + "/cancel", null).status())
			.as("another project's upload").isEqualTo(404);
		assertThat(this.api.ok("GET", "/files", null).path("data").isEmpty()).isTrue();
	}

	// Runs

	@Test
	void executesARunAndKeepsItsMessageStepAndUsage() {
		String assistantId = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"instructions\":\"Be kind.\",\"temperature\":0.3}")
			.path("id")
			.asString();
		String threadId = thread("Hello there");
		JsonNode created = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId
				+ "\",\"additional_instructions\":\"Answer in French.\",\"metadata\":{\"r\":\"1\"}}");
		assertThat(created.path("status").asString()).isEqualTo("queued");
		assertThat(created.path("model").asString()).isEqualTo("gpt-4o");
		assertThat(created.path("instructions").asString()).isEqualTo("Be kind.\n\nAnswer in French.");
		assertThat(created.path("temperature").asDouble()).isEqualTo(0.3);
		assertThat(created.path("tool_choice").asString()).isEqualTo("auto");
		assertThat(created.path("parallel_tool_calls").asBoolean()).isTrue();
		assertThat(created.at("/truncation_strategy/type").asString()).isEqualTo("auto");
		assertThat(created.path("expires_at").asLong()).isGreaterThan(created.path("created_at").asLong());
		String runId = created.path("id").asString();

		JsonNode run = this.api.awaitRun(threadId, runId, "completed");
		assertThat(run.path("started_at").isNull()).isFalse();
		assertThat(run.path("completed_at").isNull()).isFalse();
		assertThat(run.path("usage")).isEqualTo(JSON.readTree("{\"completion_tokens\":4,\"prompt_tokens\":10,\"total_tokens\":14}"));
		JsonNode message = this.api.ok("GET", "/threads/" + threadId + "/messages?run_id=" + runId, null).at("/data/0");
		assertThat(message.at("/content/0/text/value").asString()).isEqualTo("You said: Hello there");
		assertThat(message.path("status").asString()).isEqualTo("completed");
		assertThat(message.path("assistant_id").asString()).isEqualTo(assistantId);
		JsonNode step = this.api.ok("GET", "/threads/" + threadId + "/runs/" + runId + "/steps", null).at("/data/0");
		assertThat(step.path("type").asString()).isEqualTo("message_creation");
		assertThat(step.path("status").asString()).isEqualTo("completed");
		assertThat(step.at("/step_details/message_creation/message_id").asString()).isEqualTo(message.path("id").asString());
		assertThat(step.path("usage")).isEqualTo(run.path("usage"));
		assertThat(this.api.ok("GET", "/threads/" + threadId + "/runs/" + runId + "/steps/" + step.path("id").asString()
				+ "?include[]=step_details.tool_calls[*].file_search.results[*].content", null)).isEqualTo(step);
		assertThat(this.model.requests().get(0).run().instructions()).isEqualTo("Be kind.\n\nAnswer in French.");
		assertThat(this.api.ok("POST", "/threads/" + threadId + "/runs/" + runId, "{\"metadata\":{\"r\":\"2\"}}").at("/metadata/r").asString())
			.isEqualTo("2");
	}

	@Test
	void waitsForToolOutputsThenGivesThemToTheModel() {
		String assistantId = assistant();
		this.model.thenCall("order_status", "{\"id\":42}", "weather", "{\"city\":\"Oslo\"}").thenReply("Shipped; sunny.");
		JsonNode created = this.api.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistantId
				+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Order 42 and weather?\"}]}}");
		String threadId = created.path("thread_id").asString();
		String runId = created.path("id").asString();
		JsonNode waiting = this.api.awaitRun(threadId, runId, "requires_action");
		JsonNode calls = waiting.at("/required_action/submit_tool_outputs/tool_calls");
		assertThat(waiting.at("/required_action/type").asString()).isEqualTo("submit_tool_outputs");
		assertThat(calls).hasSize(2);
		assertThat(calls.at("/0/id").asString()).startsWith("call_");
		assertThat(calls.at("/0/type").asString()).isEqualTo("function");
		assertThat(calls.at("/0/function/name").asString()).isEqualTo("order_status");
		assertThat(calls.at("/0/function/arguments").asString()).isEqualTo("{\"id\":42}");
		assertThat(calls.at("/1/function/name").asString()).isEqualTo("weather");
		assertThat(waiting.path("usage").isNull()).as("no usage until the run stops").isTrue();
		assertThat(this.api.post("/threads/" + threadId + "/messages", "{\"role\":\"user\",\"content\":\"Hurry\"}").status())
			.isEqualTo(400);

		Response missing = this.api.post("/threads/" + threadId + "/runs/" + runId + "/submit_tool_outputs",
				"{\"tool_outputs\":[{\"tool_call_id\":\"" + calls.at("/0/id").asString() + "\",\"output\":\"x\"}]}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.error().path("param").asString()).isEqualTo("tool_outputs");
		Response unknown = this.api.post("/threads/" + threadId + "/runs/" + runId + "/submit_tool_outputs",
				"{\"tool_outputs\":[{\"tool_call_id\":\"call_x\",\"output\":\"x\"}]}");
		assertThat(unknown.status()).isEqualTo(400);

		JsonNode queued = submit(threadId, waiting, "out");
		assertThat(queued.path("status").asString()).isEqualTo("queued");
		JsonNode done = this.api.awaitRun(threadId, runId, "completed");
		assertThat(done.path("required_action").isNull()).isTrue();
		assertThat(done.path("usage")).isEqualTo(JSON.readTree("{\"completion_tokens\":7,\"prompt_tokens\":15,\"total_tokens\":22}"));
		JsonNode steps = this.api.ok("GET", "/threads/" + threadId + "/runs/" + runId + "/steps?order=asc", null).path("data");
		assertThat(List.of(steps.at("/0/type").asString(), steps.at("/1/type").asString()))
			.containsExactly("tool_calls", "message_creation");
		assertThat(steps.at("/0/status").asString()).isEqualTo("completed");
		assertThat(steps.at("/0/step_details/tool_calls/0/function/output").asString()).isEqualTo("out 0");
		assertThat(steps.at("/0/step_details/tool_calls/1/function/output").asString()).isEqualTo("out 1");
		assertThat(steps.at("/0/usage/total_tokens").asLong()).isEqualTo(8);
		assertThat(this.model.requests().get(1).functionCalls()).extracting((call) -> call.function().output())
			.containsExactly("out 0", "out 1");
		Response late = this.api.post("/threads/" + threadId + "/runs/" + runId + "/submit_tool_outputs",
				"{\"tool_outputs\":[{\"tool_call_id\":\"" + calls.at("/0/id").asString() + "\",\"output\":\"x\"}]}");
		assertThat(late.error().path("message").asString()).isEqualTo("Runs in status \"completed\" do not accept tool outputs.");
	}

	@Test
	void streamsARunInOpenAisEventOrder() {
		String assistantId = assistant();
		List<String[]> events = this.api.post("/threads/runs", "{\"assistant_id\":\"" + assistantId
				+ "\",\"stream\":true,\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}").events();
		assertThat(events).extracting((event) -> event[0])
			.containsExactly("thread.created", "thread.run.created", "thread.run.queued", "thread.run.in_progress",
					"thread.run.step.created", "thread.run.step.in_progress", "thread.message.created",
					"thread.message.in_progress", "thread.message.delta", "thread.message.delta",
					"thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done");
		assertThat(events.get(events.size() - 1)[1]).isEqualTo("[DONE]");
		assertThat(events.get(8)[1]).endsWith("\"delta\":{\"content\":[{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\"You sa\"}}]}}");
		assertThat(events.get(12)[1]).contains("\"status\":\"completed\"");
	}

	@Test
	void streamsFunctionCallsAndTheirOutputs() {
		String assistantId = assistant();
		String threadId = thread("Order?");
		this.model.thenCall("order_status", "{\"id\":7}").thenReply("Packed.");
		List<String[]> events = this.api.post("/threads/" + threadId + "/runs",
				"{\"assistant_id\":\"" + assistantId + "\",\"stream\":true}").events();
		assertThat(events).extracting((event) -> event[0])
			.containsExactly("thread.run.created", "thread.run.queued", "thread.run.in_progress",
					"thread.run.step.created", "thread.run.step.in_progress", "thread.run.step.delta",
					"thread.run.step.delta", "thread.run.requires_action", "done");
		JsonNode first = JSON.readTree(events.get(5)[1]);
		assertThat(first.at("/delta/step_details/tool_calls/0/function/name").asString()).isEqualTo("order_status");
		assertThat(first.at("/delta/step_details/tool_calls/0/id").asString()).startsWith("call_");
		JsonNode second = JSON.readTree(events.get(6)[1]);
		assertThat(second.at("/delta/step_details/tool_calls/0").toString())
			.isEqualTo("{\"index\":0,\"type\":\"function\",\"function\":{\"arguments\":\"{\\\"id\\\":7}\"}}");
		JsonNode waiting = JSON.readTree(events.get(7)[1]);
		List<String[]> rest = this.api.post("/threads/" + threadId + "/runs/" + waiting.path("id").asString() + "/submit_tool_outputs",
				"{\"stream\":true,\"tool_outputs\":[{\"tool_call_id\":\""
						+ waiting.at("/required_action/submit_tool_outputs/tool_calls/0/id").asString() + "\",\"output\":\"packed\"}]}")
			.events();
		assertThat(rest).extracting((event) -> event[0])
			.containsExactly("thread.run.step.completed", "thread.run.queued", "thread.run.in_progress",
					"thread.run.step.created", "thread.run.step.in_progress", "thread.message.created",
					"thread.message.in_progress", "thread.message.delta", "thread.message.delta",
					"thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done");
	}

	@Test
	void cancelsARunWhileItsModelAnswers() {
		String assistantId = assistant();
		String threadId = thread("Think hard");
		this.model.thenWait();
		String runId = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
			.path("id")
			.asString();
		this.api.awaitRun(threadId, runId, "in_progress");
		Awaitility.await().until(() -> this.model.requests().size() == 1);
		JsonNode cancelling = this.api.ok("POST", "/threads/" + threadId + "/runs/" + runId + "/cancel", null);
		assertThat(cancelling.path("status").asString()).isEqualTo("cancelling");
		JsonNode cancelled = this.api.awaitRun(threadId, runId, "cancelled");
		assertThat(cancelled.path("cancelled_at").isNull()).isFalse();
		assertThat(this.model.cancelled()).containsExactly(runId);
		assertThat(this.api.ok("GET", "/threads/" + threadId + "/runs/" + runId + "/steps", null).at("/data/0/status").asString())
			.isEqualTo("cancelled");
		JsonNode message = this.api.ok("GET", "/threads/" + threadId + "/messages?run_id=" + runId, null).at("/data/0");
		assertThat(message.path("status").asString()).isEqualTo("incomplete");
		assertThat(message.at("/incomplete_details/reason").asString()).isEqualTo("run_cancelled");
		assertThat(this.api.post("/threads/" + threadId + "/runs/" + runId + "/cancel", null).error().path("message").asString())
			.isEqualTo("Cannot cancel run with status 'cancelled'.");
		assertThat(this.api.ok("POST", "/threads/" + threadId + "/messages", "{\"role\":\"user\",\"content\":\"again\"}")
			.path("id").asString()).startsWith("msg_");
	}

	@Test
	void aRunThatWaitsPastItsExpiryExpiresWithoutAnyonePolling() {
		try (EngineServer expiring = new EngineServer(store(), this.model, (engine) -> engine.runExpiry(Duration.ofSeconds(1)))) {
			Api caller = Api.newProject(expiring.baseUrl());
			String assistantId = caller.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
			this.model.thenCall("lookup", "{}");
			JsonNode created = caller.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistantId + "\"}");
			assertThat(created.path("expires_at").asLong() - created.path("created_at").asLong()).isBetween(0L, 1L);
			String threadId = created.path("thread_id").asString();
			String runId = created.path("id").asString();
			Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
				.until(() -> this.store().inTransaction((tx) -> tx.find(ObjectKind.RUN, caller.key()
					.substring(EngineServer.KEY_PREFIX.length()), runId).orElseThrow().path("status").asString()), "expired"::equals);
			JsonNode expired = caller.ok("GET", "/threads/" + threadId + "/runs/" + runId, null);
			assertThat(expired.path("required_action").isNull()).isTrue();
			assertThat(caller.ok("GET", "/threads/" + threadId + "/runs/" + runId + "/steps", null).at("/data/0/status").asString())
				.isEqualTo("expired");
			assertThat(caller.post("/threads/" + threadId + "/messages", "{\"role\":\"user\",\"content\":\"again\"}").status())
				.isEqualTo(200);
		}
	}

	@Test
	void findsTheRunsDueByTheirExpiryWhateverElseWaits() {
		String project = "due-" + UUID.randomUUID();
		AssistantsStore store = store();
		// a thread a run, as a thread has one active run at most
		List<String> threads = IntStream.range(0, 252).mapToObj((i) -> "thread_" + UUID.randomUUID()).toList();
		store.inTransaction((tx) -> {
			for (String threadId : threads) {
				tx.insert(ObjectKind.THREAD, project, JSON.createObjectNode().put("id", threadId).put("created_at", 1));
			}
			// expiry times long past, which no other test's runs have: the store may be shared
			for (int i = 0; i < 250; i++) {
				String status = (i % 2 == 0) ? "requires_action" : "queued";
				tx.insert(ObjectKind.RUN, project, run("run_due_" + i, threads.get(i), status, 1_000 + i));
			}
			tx.insert(ObjectKind.RUN, project, run("run_stopped", threads.get(250), "completed", 1_000));
			tx.insert(ObjectKind.RUN, project, run("run_later", threads.get(251), "requires_action", 5_000));
			return null;
		});
		List<StoredRun> first = store.inTransaction((tx) -> tx.dueRuns(1_249, 100));
		assertThat(first).extracting(StoredRun::runId)
			.containsExactlyElementsOf(IntStream.range(0, 100).mapToObj((i) -> "run_due_" + i).toList());
		assertThat(first.get(1)).isEqualTo(new StoredRun(project, threads.get(1), "run_due_1", "queued", 1_001));
		List<StoredRun> all = store.inTransaction((tx) -> tx.dueRuns(1_249, 300));
		assertThat(all).hasSize(250)
			.noneMatch((run) -> run.runId().equals("run_stopped") || run.runId().equals("run_later"));
		store.inTransaction((tx) -> {
			ObjectNode run = tx.lock(ObjectKind.RUN, project, "run_due_0").orElseThrow();
			tx.update(ObjectKind.RUN, project, run.put("status", "expired"));
			return null;
		});
		List<StoredRun> next = store.inTransaction((tx) -> tx.dueRuns(1_249, 1));
		assertThat(next).extracting(StoredRun::runId).as("a run that stopped is due no more").containsExactly("run_due_1");
		int queued = store.inTransaction(StoreTransaction::queuedRuns);
		assertThat(queued).isGreaterThanOrEqualTo(125);
		store.inTransaction((tx) -> {
			threads.forEach((threadId) -> tx.delete(ObjectKind.THREAD, project, threadId));
			return null;
		});
		List<StoredRun> deleted = store.inTransaction((tx) -> tx.dueRuns(1_249, 300));
		assertThat(deleted).as("a deleted thread's runs").isEmpty();
	}

	private static ObjectNode run(String id, String threadId, String status, long expiresAt) {
		return JSON.createObjectNode()
			.put("id", id)
			.put("object", "thread.run")
			.put("created_at", 1)
			.put("thread_id", threadId)
			.put("assistant_id", "asst_x")
			.put("status", status)
			.put("expires_at", expiresAt);
	}

	@Test
	void aRunGoesOnWhenItsStreamIsDropped() throws Exception {
		String assistantId = assistant();
		String threadId = thread("Stream me");
		Sinks.Empty<Void> gate = this.model.thenWait();
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.server.baseUrl() + "/threads/" + threadId + "/runs"))
				.header("Authorization", "Bearer " + this.api.key())
				.POST(HttpRequest.BodyPublishers.ofString("{\"assistant_id\":\"" + assistantId + "\",\"stream\":true}"))
				.build(), HttpResponse.BodyHandlers.ofLines());
		String runId;
		try (Stream<String> lines = response.body()) {
			String created = lines.filter((line) -> line.startsWith("data: ")).findFirst().orElseThrow();
			runId = JSON.readTree(created.substring("data: ".length())).path("id").asString();
		}
		// the client has gone: give the server the time to see it before the model answers
		Thread.sleep(300);
		gate.tryEmitEmpty();
		JsonNode run = this.api.awaitRun(threadId, runId, "completed");
		assertThat(this.api.ok("GET", "/threads/" + threadId + "/messages?run_id=" + runId, null)
			.at("/data/0/content/0/text/value")
			.asString()).isEqualTo("Thinking done");
		assertThat(run.path("usage").isNull()).isFalse();
	}

	@Test
	void failsARunWhoseModelFails() {
		String assistantId = assistant();
		this.model.thenFail(new ModelException(LastErrorCode.RATE_LIMIT_EXCEEDED, "Slow down"))
			.thenFail(new IllegalStateException("secret internals"));
		String threadId = thread("Hi");
		String runId = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
			.path("id").asString();
		JsonNode failed = this.api.awaitRun(threadId, runId, "failed");
		assertThat(failed.path("last_error")).isEqualTo(JSON.readTree("{\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\"}"));
		assertThat(failed.path("failed_at").isNull()).isFalse();
		String second = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
			.path("id").asString();
		JsonNode broken = this.api.awaitRun(threadId, second, "failed");
		assertThat(broken.at("/last_error/code").asString()).isEqualTo("server_error");
		assertThat(broken.toString()).doesNotContain("secret internals");
	}

	@Test
	void aModelCutShortLeavesTheRunIncomplete() {
		this.model.then(new TextDelta("Once upon"), new Finish(FinishReason.LENGTH, null));
		String threadId = thread("Tell a story");
		String runId = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistant() + "\"}")
			.path("id").asString();
		JsonNode run = this.api.awaitRun(threadId, runId, "incomplete");
		assertThat(run.at("/incomplete_details/reason").asString()).isEqualTo("max_completion_tokens");
		JsonNode message = this.api.ok("GET", "/threads/" + threadId + "/messages?run_id=" + runId, null).at("/data/0");
		assertThat(message.path("status").asString()).isEqualTo("incomplete");
		assertThat(message.at("/incomplete_details/reason").asString()).isEqualTo("max_tokens");
		assertThat(message.at("/content/0/text/value").asString()).isEqualTo("Once upon");
	}

	// Several engines on one store

	@Test
	void runsCreatedOnTwoEnginesAreEachExecutedOnce() {
		TestModel otherModel = new TestModel();
		try (EngineServer other = new EngineServer(store(), otherModel, (engine) -> engine.runLease(Duration.ofSeconds(1))
			.expiryCheckInterval(Duration.ofMillis(100)))) {
			Api otherApi = Api.withKey(other.baseUrl(), this.api.key());
			String assistantId = assistant();
			List<Api> entries = List.of(this.api, otherApi);
			List<String[]> runs = Collections.synchronizedList(new ArrayList<>());
			CompletableFuture.allOf(IntStream.range(0, 40).mapToObj((i) -> CompletableFuture.runAsync(() -> {
				Api entry = entries.get(i % 2);
				JsonNode run = entry.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistantId
						+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Run " + i + "\"}]}}");
				runs.add(new String[] { run.path("thread_id").asString(), run.path("id").asString() });
			})).toArray(CompletableFuture[]::new)).join();
			for (String[] run : runs) {
				entries.get(runs.indexOf(run) % 2).awaitRun(run[0], run[1], "completed");
			}
			List<String> executed = new ArrayList<>();
			this.model.requests().forEach((request) -> executed.add(request.run().id()));
			otherModel.requests().forEach((request) -> executed.add(request.run().id()));
			assertThat(executed).hasSize(40).doesNotHaveDuplicates();
		}
	}

	@Test
	void aRunThatOutlastsItsLeaseIsRenewedNotTakenOver() throws InterruptedException {
		try (EngineServer leasing = new EngineServer(store(), this.model, (engine) -> engine.runLease(Duration.ofMillis(600))
			.expiryCheckInterval(Duration.ofMillis(100)));
				EngineServer watching = new EngineServer(store(), new TestModel(),
						(engine) -> engine.expiryCheckInterval(Duration.ofMillis(100)))) {
			Api caller = Api.withKey(leasing.baseUrl(), this.api.key());
			String assistantId = assistant();
			String threadId = thread("Think for a while");
			Sinks.Empty<Void> gate = this.model.thenWait();
			String runId = caller.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
				.path("id")
				.asString();
			caller.awaitRun(threadId, runId, "in_progress");
			// four leases long, while two other engines look for runs to take over
			Thread.sleep(2400);
			assertThat(caller.ok("GET", "/threads/" + threadId + "/runs/" + runId, null).path("status").asString())
				.isEqualTo("in_progress");
			gate.tryEmitEmpty();
			caller.awaitRun(threadId, runId, "completed");
		}
	}

	@Test
	void aStreamedRunThatCompletesAsItsLeaseIsRenewedEndsWithItsLastEvents() {
		// the transaction that completes the run returns only after a lease renewal has seen it stopped
		AssistantsStore slowToReturn = new SlowAfterRunStops(store(), Duration.ofMillis(400));
		try (EngineServer leasing = new EngineServer(slowToReturn, this.model,
				(engine) -> engine.runLease(Duration.ofMillis(300)))) {
			Api caller = Api.withKey(leasing.baseUrl(), this.api.key());
			this.model.thenReply("Done.");
			List<String[]> events = caller.post("/threads/runs", "{\"assistant_id\":\"" + assistant()
					+ "\",\"stream\":true,\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}")
				.events();
			assertThat(events).extracting((event) -> event[0])
				.endsWith("thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done");
		}
	}

	@Test
	void aRunWhoseEngineStopsRenewingItsLeaseIsTakenOverAndFails() {
		try (EngineServer leasing = new EngineServer(store(), this.model, (engine) -> engine.runLease(Duration.ofMillis(600))
			.expiryCheckInterval(Duration.ofMillis(100)))) {
			Api caller = Api.withKey(leasing.baseUrl(), this.api.key());
			String assistantId = assistant();
			String threadId = thread("Think hard");
			this.model.thenWait();
			String runId = caller.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
				.path("id")
				.asString();
			caller.awaitRun(threadId, runId, "in_progress");
			Awaitility.await().until(() -> this.model.requests().size() == 1);
			// as if another engine had taken the run and then died: its lease lapses in 300 ms
			store().inTransaction((tx) -> {
				tx.leaseRun(runId, "engine-that-died", Duration.ofMillis(300));
				return null;
			});
			JsonNode failed = caller.awaitRun(threadId, runId, "failed");
			assertThat(failed.path("last_error")).isEqualTo(JSON.readTree("{\"code\":\"server_error\",\"message\":"
					+ "\"The run was interrupted: its server stopped while the run was in progress.\"}"));
			assertThat(this.model.cancelled()).as("the engine that lost the lease stopped its model turn")
				.containsExactly(runId);
			JsonNode message = caller.ok("GET", "/threads/" + threadId + "/messages?run_id=" + runId, null).at("/data/0");
			assertThat(message.path("status").asString()).isEqualTo("incomplete");
		}
	}

	@Test
	void aQueuedRunWhoseEngineStoppedIsExecutedByAnother() {
		String assistantId = assistant();
		String threadId = thread("Hello");
		String runId;
		try (EngineServer slow = new EngineServer(store(), this.model, (engine) -> engine
			.runStatePause(() -> Duration.ofMinutes(1)))) {
			runId = Api.withKey(slow.baseUrl(), this.api.key())
				.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
				.path("id")
				.asString();
			assertThat(this.api.ok("GET", "/threads/" + threadId + "/runs/" + runId, null).path("status").asString())
				.isEqualTo("queued");
		}
		// closed with its run still queued: the run is handed back, and the engine of this.api takes it
		JsonNode completed = this.api.awaitRun(threadId, runId, "completed");
		assertThat(completed.path("usage").isNull()).isFalse();
		assertThat(this.model.requests()).extracting((request) -> request.run().id()).containsExactly(runId);
	}

	@Test
	void anEngineThatClosesHandsItsRunsBackAtOnce() {
		String assistantId = assistant();
		String threadId = thread("Think hard");
		String runId;
		TestModel closingModel = new TestModel();
		closingModel.thenWait();
		try (EngineServer closing = new EngineServer(store(), closingModel,
				(engine) -> engine.runLease(Duration.ofMinutes(5)))) {
			Api caller = Api.withKey(closing.baseUrl(), this.api.key());
			runId = caller.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
				.path("id")
				.asString();
			caller.awaitRun(threadId, runId, "in_progress");
		}
		// not 5 minutes: the lease was handed back when the engine closed
		JsonNode failed = this.api.awaitRun(threadId, runId, "failed");
		assertThat(failed.at("/last_error/code").asString()).isEqualTo("server_error");
	}

	// Helpers

	protected String assistant() {
		return this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
	}

	protected String thread(String firstMessage) {
		return this.api.ok("POST", "/threads", "{\"messages\":[{\"role\":\"user\",\"content\":" + json(firstMessage) + "}]}")
			.path("id")
			.asString();
	}

	/** Answer every call the run waits for with {@code <output> <index>}. */
	protected JsonNode submit(String threadId, JsonNode run, String output) {
		StringBuilder outputs = new StringBuilder();
		JsonNode calls = run.at("/required_action/submit_tool_outputs/tool_calls");
		for (int i = 0; i < calls.size(); i++) {
			outputs.append((i > 0) ? "," : "")
				.append("{\"tool_call_id\":\"")
				.append(calls.get(i).path("id").asString())
				.append("\",\"output\":")
				.append(json(output + " " + i))
				.append("}");
		}
		return this.api.ok("POST", "/threads/" + threadId + "/runs/" + run.path("id").asString() + "/submit_tool_outputs",
				"{\"tool_outputs\":[" + outputs + "]}");
	}

	/**
	 * A store whose transaction that stops a run (completes it) returns only after a pause, as a
	 * busy store may: what the engine does meanwhile sees the run stopped before its events are out.
	 */
	private static final class SlowAfterRunStops implements AssistantsStore {

		private final AssistantsStore store;

		private final Duration pause;

		SlowAfterRunStops(AssistantsStore store, Duration pause) {
			this.store = store;
			this.pause = pause;
		}

		@Override
		public BlobStore blobs() {
			return this.store.blobs();
		}

		@Override
		public <T> T inTransaction(Function<StoreTransaction, T> work) {
			AtomicBoolean stopped = new AtomicBoolean();
			T result = this.store.inTransaction((tx) -> work.apply(watching(tx, stopped)));
			if (stopped.get()) {
				try {
					Thread.sleep(this.pause.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return result;
		}

		@Override
		public boolean blocks() {
			return this.store.blocks();
		}

		private static StoreTransaction watching(StoreTransaction tx, AtomicBoolean stopped) {
			return (StoreTransaction) Proxy.newProxyInstance(StoreTransaction.class.getClassLoader(),
					new Class<?>[] { StoreTransaction.class }, (proxy, method, arguments) -> {
						if (method.getName().equals("update") && arguments[0] == ObjectKind.RUN
								&& "completed".equals(((ObjectNode) arguments[2]).path("status").asString())) {
							stopped.set(true);
						}
						try {
							return method.invoke(tx, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

}
