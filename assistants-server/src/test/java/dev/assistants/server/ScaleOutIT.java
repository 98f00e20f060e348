package dev.assistants.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.assistants.engine.Api;
import dev.assistants.model.springai.FakeChatCompletions;
import dev.assistants.store.postgresql.TestDatabase;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server instances, each the executable jar in a process of its own, on one PostgreSQL, their
 * runs answered through Spring AI by a model endpoint the test serves: runs created on both are
 * each executed once and read alike from either; an instance killed while it executes runs has
 * them failed by the other within the lease and two seconds; a model that fails fails its run
 * without holding up the others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

	private static final Path SERVER_JAR = Path.of("target", "assistants-server-0.1.0-SNAPSHOT.jar");

	private static final String KEY = "sk-scale-0123456789";

	private static final Duration LEASE = Duration.ofSeconds(3);

	private static final WireMockServer model = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().containerThreads(200));

	private static JarProcess first;

	private static JarProcess second;

	private static Api onFirst;

	private static Api onSecond;

	private static String assistant;

	@BeforeAll
	static void start() {
		model.start();
		model.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
			.willReturn(FakeChatCompletions.stream(FakeChatCompletions.text("Done"), FakeChatCompletions.finish("stop"),
					FakeChatCompletions.usage(7, 1))));
		model.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(containing("Stall"))
			.willReturn(FakeChatCompletions.stream(FakeChatCompletions.text("Late")).withFixedDelay(60_000)));
		model.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(containing("Fail"))
			.willReturn(FakeChatCompletions.error(500, "The model is down").withFixedDelay(1_000)));
		first = instance("first");
		second = instance("second");
		onFirst = Api.withKey("http://127.0.0.1:" + first.port() + "/v1", KEY);
		onSecond = Api.withKey("http://127.0.0.1:" + second.port() + "/v1", KEY);
		assistant = onFirst.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
	}

	@AfterAll
	static void stop() throws InterruptedException {
		for (JarProcess instance : new JarProcess[] { first, second }) {
			if (instance != null) {
				instance.close();
				instance.saveOutput(Path.of("target", "scale-out-" + ((instance == first) ? "first" : "second") + ".log"));
			}
		}
		model.stop();
	}

	@Test
	@Order(1)
	void runsCreatedOnBothInstancesAreEachExecutedOnceAndReadAlikeFromEither() throws InterruptedException {
		int runs = 500;
		// 50 clients, each creating a run on one instance and polling it on the other until it ends
		ExecutorService clients = Executors.newFixedThreadPool(50);
		List<Future<?>> done = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			int number = i;
			done.add(clients.submit(() -> {
				Api creator = (number % 2 == 0) ? onFirst : onSecond;
				Api reader = (number % 2 == 0) ? onSecond : onFirst;
				JsonNode run = creator.ok("POST", "/threads/runs", run("Run " + number + "."));
				String threadId = run.path("thread_id").asString();
				String runId = run.path("id").asString();
				JsonNode completed = awaitRun(reader, threadId, runId, "completed");
				assertThat(completed.at("/usage/total_tokens").asInt()).isEqualTo(8);
				JsonNode messages = reader.ok("GET", "/threads/" + threadId + "/messages?order=asc", null).path("data");
				assertThat(messages).hasSize(2);
				assertThat(messages.get(1).at("/content/0/text/value").asString()).isEqualTo("Done");
				assertThat(reader.ok("GET", "/threads/" + threadId + "/runs/" + runId + "/steps", null).path("data"))
					.hasSize(1);
			}));
		}
		clients.shutdown();
		assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
		for (Future<?> run : done) {
			assertThat(run).succeedsWithin(Duration.ZERO);
		}
		IntStream.range(0, runs)
			.forEach((i) -> model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withRequestBody(containing("Run " + i + "."))));
	}

	@Test
	@Order(2)
	void aModelThatFailsFailsItsRunAndHoldsUpNoOther() {
		JsonNode failing = onSecond.ok("POST", "/threads/runs", run("Fail, please."));
		onSecond.awaitRun(failing.path("thread_id").asString(), failing.path("id").asString(), "in_progress");
		long start = System.nanoTime();
		JsonNode quick = onSecond.ok("POST", "/threads/runs", run("Quick, please."));
		onSecond.awaitRun(quick.path("thread_id").asString(), quick.path("id").asString(), "completed");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		JsonNode failed = awaitRun(onSecond, failing.path("thread_id").asString(), failing.path("id").asString(),
				"failed");
		assertThat(failed.at("/last_error/code").asString()).isEqualTo("server_error");
		assertThat(failed.at("/last_error/message").asString()).startsWith("The model's provider failed (500)");
	}

	@Test
	@Order(3)
	void runsOfAnInstanceThatIsKilledAreFailedByTheOtherWithinTheLeaseAndTwoSeconds() throws InterruptedException {
		List<JsonNode> held = IntStream.range(0, 5)
			.mapToObj((i) -> onFirst.ok("POST", "/threads/runs", run("Stall " + i + ".")))
			.toList();
		for (JsonNode run : held) {
			onFirst.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), "in_progress");
		}
		first.kill();
		long killed = System.nanoTime();
		for (JsonNode run : held) {
			JsonNode failed = awaitRun(onSecond, run.path("thread_id").asString(), run.path("id").asString(), "failed");
			assertThat(failed.path("last_error").toString()).isEqualTo("{\"code\":\"server_error\",\"message\":"
					+ "\"The run was interrupted: its server stopped while the run was in progress.\"}");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(LEASE.plusSeconds(2));
		JsonNode takeovers = Api.withKey("http://127.0.0.1:" + second.port(), null)
			.ok("GET", "/actuator/metrics/assistants.server.runs.taken.over", null);
		assertThat(takeovers.at("/measurements/0/value").asDouble()).isEqualTo(5);
		JsonNode after = onSecond.ok("POST", "/threads/runs", run("After the crash."));
		onSecond.awaitRun(after.path("thread_id").asString(), after.path("id").asString(), "completed");
	}

	/** Poll a run until it has this status, as a client that polls every 100 ms does. */
	private static JsonNode awaitRun(Api api, String threadId, String runId, String status) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/threads/" + threadId + "/runs/" + runId).json(),
					(run) -> status.equals(run.path("status").asString()));
	}

	private static String run(String message) {
		return "{\"assistant_id\":\"" + assistant + "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\""
				+ message + "\"}]}}";
	}

	private static JarProcess instance(String name) {
		Map<String, String> database = TestDatabase.properties();
		return JarProcess.start(SERVER_JAR, Map.of(), "--server.port=0",
				"--spring.datasource.url=" + database.get("spring.datasource.url"),
				"--spring.datasource.username=" + database.get("spring.datasource.username"),
				"--spring.datasource.password=" + database.get("spring.datasource.password"),
				"--assistants.server.api-keys[0].key=" + KEY, "--assistants.server.api-keys[0].project=scale-out",
				"--assistants.server.instance-id=" + name, "--assistants.server.run-lease=" + LEASE.toSeconds() + "s",
				"--assistants.server.model=spring-ai",
				"--spring.ai.openai.base-url=" + model.baseUrl() + "/v1", "--spring.ai.openai.api-key=sk-model",
				"--spring.ai.openai.max-retries=0", "--assistants.server.poll-interval=20ms",
				"--management.endpoints.web.exposure.include=health,metrics");
	}

}
