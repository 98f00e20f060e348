package dev.assistants.client;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.MessageObject;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStatus;
import dev.assistants.api.SpecFixtures;

import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Polling a run until it stops, walking list pages, and a thread busy with an active run.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class PollingAndPaginationTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final String RUN_PATH = "/threads/thread_abc123/runs/run_abc123";

	@InjectWireMock
	private WireMockServer server;

	@Test
	void pollsUntilTheRunStopsHonouringThePollDelayOfEachAnswer() {
		ResponseSequence.stub(this.server, RUN_PATH, aResponse("queued").withHeader("openai-poll-after-ms", "200"),
				aResponse("in_progress").withHeader("openai-poll-after-ms", "50"), aResponse("completed"));
		AssistantsOperations client = client(new PollOptions(Duration.ofSeconds(5), Duration.ofSeconds(8), false));
		long start = System.nanoTime();
		RunObject run = client.pollRun("thread_abc123", "run_abc123").block(BOUND);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(4));
		this.server.verify(3, getRequestedFor(urlEqualTo(RUN_PATH)));
	}

	@Test
	void stopsAtRequiresAction() {
		ResponseSequence.stub(this.server, RUN_PATH, aResponse("in_progress"), aResponse("requires_action"), aResponse("completed"));
		RunObject run = client(new PollOptions(Duration.ofMillis(10), Duration.ofSeconds(5), false))
			.pollRun("thread_abc123", "run_abc123")
			.block(BOUND);
		assertThat(run.status()).isEqualTo(RunStatus.REQUIRES_ACTION);
		this.server.verify(2, getRequestedFor(urlEqualTo(RUN_PATH)));
	}

	@Test
	void createsARunAndPollsIt() {
		this.server.stubFor(post("/threads/thread_abc123/runs")
			.willReturn(aResponse("queued").withHeader("openai-poll-after-ms", "10")));
		this.server.stubFor(get(RUN_PATH).willReturn(aResponse("completed")));
		RunObject run = client(PollOptions.DEFAULT)
			.createRunAndPoll("thread_abc123", CreateRunRequest.builder("asst_abc123").build())
			.block(BOUND);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		this.server.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)));
	}

	@Test
	void failsAtTheDeadlineAndCancelsTheRunWhenAsked() {
		this.server.stubFor(get(RUN_PATH).willReturn(aResponse("in_progress")));
		this.server.stubFor(post(RUN_PATH + "/cancel").willReturn(aResponse("cancelling")));
		AssistantsOperations client = client(PollOptions.DEFAULT);
		assertThatExceptionOfType(AssistantsTimeoutException.class)
			.isThrownBy(() -> client
				.pollRun("thread_abc123", "run_abc123", new PollOptions(Duration.ofMillis(50), Duration.ofMillis(400), true))
				.block(BOUND))
			.withMessage("pollRun: run run_abc123 is still in_progress after 400 ms (openai.polling.timeout)");
		this.server.verify(1, postRequestedFor(urlEqualTo(RUN_PATH + "/cancel")));
	}

	@Test
	void cancelsARunThatIsStillBeingCreatedWhenTheDeadlinePasses() {
		this.server.stubFor(post("/threads/thread_abc123/runs").willReturn(aResponse("queued").withFixedDelay(700)));
		this.server.stubFor(post(RUN_PATH + "/cancel").willReturn(aResponse("cancelling")));
		AssistantsOperations client = client(new PollOptions(Duration.ofMillis(50), Duration.ofMillis(200), true));
		assertThatExceptionOfType(AssistantsTimeoutException.class)
			.isThrownBy(() -> client.createRunAndPoll("thread_abc123", CreateRunRequest.builder("asst_abc123").build())
				.block(BOUND))
			.withMessage("pollRun: run run_abc123 is still queued after 200 ms (openai.polling.timeout)");
		this.server.verify(1, postRequestedFor(urlEqualTo(RUN_PATH + "/cancel")));
		this.server.verify(0, getRequestedFor(urlEqualTo(RUN_PATH)));
	}

	@Test
	void walksAllPagesLazily() {
		this.server.stubFor(get(urlEqualTo("/threads/thread_1/messages?limit=2&run_id=run_1"))
			.willReturn(okJson(page(List.of("msg_1", "msg_2"), true))));
		this.server.stubFor(get(urlEqualTo("/threads/thread_1/messages?limit=2&after=msg_2&run_id=run_1"))
			.willReturn(okJson(page(List.of("msg_3", "msg_4"), true))));
		this.server.stubFor(get(urlEqualTo("/threads/thread_1/messages?limit=2&after=msg_4&run_id=run_1"))
			.willReturn(okJson(page(List.of("msg_5"), false))));
		AssistantsOperations client = client(PollOptions.DEFAULT);
		MessageListQuery query = MessageListQuery.forRun("run_1").withPage(ListQuery.limit(2));

		assertThat(client.listAllMessages("thread_1", query).take(2).map(MessageObject::id).collectList().block(BOUND))
			.containsExactly("msg_1", "msg_2");
		this.server.verify(1, getRequestedFor(urlPathEqualTo("/threads/thread_1/messages")));

		this.server.resetRequests();
		assertThat(client.listAllMessages("thread_1", query).map(MessageObject::id).collectList().block(BOUND))
			.containsExactly("msg_1", "msg_2", "msg_3", "msg_4", "msg_5");
		this.server.verify(3, getRequestedFor(urlPathEqualTo("/threads/thread_1/messages")));
	}

	@Test
	void walksOnFromTheLastObjectOfAPageWithoutLastId() {
		this.server.stubFor(get(urlEqualTo("/threads/thread_1/messages?limit=2"))
			.willReturn(okJson(page(List.of("msg_1", "msg_2"), true).replace(",\"last_id\":\"msg_2\"", ""))));
		this.server.stubFor(get(urlEqualTo("/threads/thread_1/messages?limit=2&after=msg_2"))
			.willReturn(okJson(page(List.of("msg_3"), false))));
		assertThat(client(PollOptions.DEFAULT).listAllMessages("thread_1", MessageListQuery.of(ListQuery.limit(2)))
			.map(MessageObject::id)
			.collectList()
			.block(BOUND)).containsExactly("msg_1", "msg_2", "msg_3");
	}

	@Test
	void failsAWalkThatDoesNotMovePastItsCursor() {
		this.server.stubFor(get(urlPathEqualTo("/threads/thread_1/messages"))
			.willReturn(okJson(page(List.of("msg_1", "msg_2"), true))));
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> client(PollOptions.DEFAULT).listAllMessages("thread_1", MessageListQuery.of(ListQuery.limit(2)))
				.collectList()
				.block(BOUND))
			.withMessage("listAllMessages: the page after 'msg_2' does not move past it (it holds that object again); "
					+ "the server may not support 'after'");
		this.server.verify(2, getRequestedFor(urlPathEqualTo("/threads/thread_1/messages")));
	}

	@Test
	void signalsAnActiveRunWhenAMessageCannotBeAdded() {
		this.server.stubFor(post("/threads/thread_1/messages").willReturn(WireMock.aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Can't add messages to thread_1 while a run run_9 is active.\","
					+ "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")));
		assertThatExceptionOfType(ActiveRunException.class)
			.isThrownBy(() -> client(PollOptions.DEFAULT).createMessage("thread_1", CreateMessageRequest.user("Hi"))
				.block(BOUND))
			.satisfies((ex) -> {
				assertThat(ex.getRunId()).isEqualTo("run_9");
				assertThat(ex.getStatusCode()).isEqualTo(400);
			});
	}

	@Test
	void cancelsTheActiveRunsOfAThread() {
		String runs = "{\"object\":\"list\",\"data\":[" + run("in_progress") + "," + run("completed").replace(
				"run_abc123", "run_done") + "],\"first_id\":\"run_abc123\",\"last_id\":\"run_done\",\"has_more\":false}";
		this.server.stubFor(get(urlPathEqualTo("/threads/thread_abc123/runs")).willReturn(okJson(runs)));
		this.server.stubFor(post(RUN_PATH + "/cancel").willReturn(aResponse("cancelling")));
		ResponseSequence.stub(this.server, RUN_PATH, aResponse("cancelling"), aResponse("cancelled"));
		List<RunObject> cancelled = client(new PollOptions(Duration.ofMillis(10), Duration.ofSeconds(5), false))
			.cancelActiveRuns("thread_abc123")
			.collectList()
			.block(BOUND);
		assertThat(cancelled).singleElement().satisfies((run) -> {
			assertThat(run.id()).isEqualTo("run_abc123");
			assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
		});
		this.server.verify(1, postRequestedFor(urlPathEqualTo(RUN_PATH + "/cancel")));
		this.server.verify(0, postRequestedFor(urlPathEqualTo("/threads/thread_abc123/runs/run_done/cancel")));
	}

	@Test
	void cancelsEveryActiveRunEvenWhenOneStopsBeforeItsCancel() {
		String second = RUN_PATH.replace("run_abc123", "run_second");
		String runs = "{\"object\":\"list\",\"data\":[" + run("in_progress") + "," + run("requires_action").replace(
				"run_abc123", "run_second") + "],\"first_id\":\"run_abc123\",\"last_id\":\"run_second\",\"has_more\":false}";
		this.server.stubFor(get(urlPathEqualTo("/threads/thread_abc123/runs")).willReturn(okJson(runs)));
		this.server.stubFor(post(RUN_PATH + "/cancel").willReturn(WireMock.aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Cannot cancel run with status 'completed'.\","
					+ "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")));
		this.server.stubFor(get(RUN_PATH).willReturn(aResponse("completed")));
		this.server.stubFor(post(second + "/cancel").willReturn(okJson(run("cancelling").replace("run_abc123", "run_second"))));
		this.server.stubFor(get(second).willReturn(okJson(run("cancelled").replace("run_abc123", "run_second"))));
		List<RunObject> stopped = client(new PollOptions(Duration.ofMillis(10), Duration.ofSeconds(5), false))
			.cancelActiveRuns("thread_abc123")
			.collectList()
			.block(BOUND);
		assertThat(stopped).extracting((run) -> run.id() + " " + run.status())
			.containsExactly("run_abc123 completed", "run_second cancelled");
		this.server.verify(1, postRequestedFor(urlPathEqualTo(second + "/cancel")));
	}

	private AssistantsOperations client(PollOptions pollOptions) {
		return AssistantsTemplate.builder().baseUrl(this.server.baseUrl()).pollOptions(pollOptions).build();
	}

	private static ResponseDefinitionBuilder aResponse(String status) {
		return okJson(run(status));
	}

	private static String run(String status) {
		ObjectNode run = (ObjectNode) SpecFixtures.operation("getRun").at("/example/responseBody").deepCopy();
		run.put("status", status);
		return run.toString();
	}

	private static String page(List<String> ids, boolean hasMore) {
		ObjectNode message = (ObjectNode) SpecFixtures.operation("getMessage").at("/example/responseBody").deepCopy();
		String data = ids.stream().map((id) -> message.deepCopy().put("id", id).toString()).collect(Collectors.joining(","));
		return "{\"object\":\"list\",\"data\":[" + data + "],\"first_id\":\"" + ids.get(0) + "\",\"last_id\":\""
				+ ids.get(ids.size() - 1) + "\",\"has_more\":" + hasMore + "}";
	}

}
