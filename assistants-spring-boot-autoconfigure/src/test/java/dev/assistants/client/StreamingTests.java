package dev.assistants.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.AssistantStreamEvent.MessageDelta;
import dev.assistants.api.AssistantStreamEvent.RunCompleted;
import dev.assistants.api.AssistantStreamEvent.RunCreated;
import dev.assistants.api.AssistantStreamEvent.RunFailed;
import dev.assistants.api.AssistantStreamEvent.RunInProgress;
import dev.assistants.api.AssistantStreamEvent.RunRequiresAction;
import dev.assistants.api.AssistantStreamEvent.UnknownEvent;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.CreateThreadAndRunRequest;
import dev.assistants.api.CreateThreadRequest;
import dev.assistants.api.LastErrorCode;
import dev.assistants.api.MessageContentTextAnnotationsFileCitationObject;
import dev.assistants.api.MessageContentTextObject;
import dev.assistants.api.RunStepDetailsToolCallsFunctionObject;
import dev.assistants.api.RunStepDetailsToolCallsObject;
import dev.assistants.api.SpecFixtures;
import dev.assistants.api.SubmitToolOutputsRunRequest;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streamed runs: server-sent events as a server sends them, decoded to typed events, folded into
 * snapshots, and every way a stream can end.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class StreamingTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	@InjectWireMock
	private WireMockServer server;

	@Test
	void streamsAPlainReplyAndAssemblesItsText() {
		stubStream("/threads/thread_1/runs", sse("thread.run.created", run("queued")),
				sse("thread.run.in_progress", run("in_progress")),
				sse("thread.run.step.created", step("message_creation", "{\"message_id\":\"msg_1\"}")),
				sse("thread.message.created", message("in_progress", "[]")),
				sse("thread.message.delta", delta("{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\"Hel\"}}")),
				sse("thread.message.delta", delta("{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\"lo【1】\","
						+ "\"annotations\":[{\"index\":0,\"type\":\"file_citation\",\"text\":\"【1】\","
						+ "\"file_citation\":{\"file_id\":\"file-1\"},\"start_index\":5,\"end_index\":8}]}}")),
				sse("thread.message.delta", delta("{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\" world\"}}")),
				sse("thread.message.completed", message("completed",
						"[{\"type\":\"text\",\"text\":{\"value\":\"Hello【1】 world\",\"annotations\":[]}}]")),
				sse("thread.run.completed", run("completed")), "event: done\ndata: [DONE]\n\n");
		Flux<AssistantStreamEvent> events = client().createRunStream("thread_1",
				CreateRunRequest.builder("asst_1").build());

		List<AssistantStreamEvent> received = events.collectList().block(BOUND);
		assertThat(received).extracting(AssistantStreamEvent::event)
			.containsExactly("thread.run.created", "thread.run.in_progress", "thread.run.step.created",
					"thread.message.created", "thread.message.delta", "thread.message.delta", "thread.message.delta",
					"thread.message.completed", "thread.run.completed");
		assertThat(received.get(0)).isInstanceOfSatisfying(RunCreated.class,
				(created) -> assertThat(created.data().id()).isEqualTo("run_abc123"));
		assertThat(received.get(4)).isInstanceOfSatisfying(MessageDelta.class,
				(delta) -> assertThat(delta.data().id()).isEqualTo("msg_1"));
		this.server.verify(postRequestedFor(urlEqualTo("/threads/thread_1/runs"))
			.withHeader("Accept", equalTo("text/event-stream"))
			.withRequestBody(equalToJson("{\"assistant_id\":\"asst_1\",\"stream\":true}")));

		List<RunSnapshot> snapshots = RunStreams.snapshots(Flux.fromIterable(received)).collectList().block(BOUND);
		RunSnapshot afterDeltas = snapshots.get(6);
		assertThat(afterDeltas.text()).isEqualTo("Hello【1】 world");
		MessageContentTextObject text = (MessageContentTextObject) afterDeltas.messages().get(0).content().get(0);
		assertThat(text.text().annotations()).containsExactly(new MessageContentTextAnnotationsFileCitationObject("【1】",
				new MessageContentTextAnnotationsFileCitationObject.FileCitation("file-1"), 5, 8));
		RunSnapshot last = snapshots.get(snapshots.size() - 1);
		assertThat(last.run().status().value()).isEqualTo("completed");
		assertThat(last.messages()).singleElement().satisfies((message) -> assertThat(message.status().value()).isEqualTo("completed"));
		assertThat(last.steps()).hasSize(1);
		assertThat(RunStreams.text(Flux.fromIterable(received)).collectList().block(BOUND))
			.containsExactly("Hel", "Hello【1】", "Hello【1】 world");
		assertThat(RunStreams.completedMessages(Flux.fromIterable(received)).collectList().block(BOUND))
			.singleElement()
			.satisfies((message) -> assertThat(RunSnapshot.text(message)).isEqualTo("Hello【1】 world"));
	}

	@Test
	void streamsARunThatCallsTwoFunctionsAndAssemblesTheirArguments() {
		stubStream("/threads/runs", sse("thread.created", thread()), sse("thread.run.created", run("queued")),
				sse("thread.run.step.created", step("tool_calls", "[]")),
				sse("thread.run.step.delta", stepDelta("{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}")),
				sse("thread.run.step.delta", stepDelta("{\"index\":0,\"type\":\"function\","
						+ "\"function\":{\"arguments\":\"{\\\"city\\\":\"}}")),
				sse("thread.run.step.delta", stepDelta("{\"index\":1,\"id\":\"call_2\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}")),
				sse("thread.run.step.delta", stepDelta("{\"index\":0,\"type\":\"function\","
						+ "\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}")),
				sse("thread.run.requires_action", run("requires_action")), "event: done\ndata: [DONE]\n\n");
		Flux<AssistantStreamEvent> events = client().createThreadAndRunStream(CreateThreadAndRunRequest
			.builder("asst_1")
			.thread(CreateThreadRequest.builder().messages(CreateMessageRequest.user("Weather?")).build())
			.build());
		RunSnapshot last = RunStreams.snapshots(events).last().block(BOUND);
		assertThat(last.event()).isInstanceOf(RunRequiresAction.class);
		assertThat(last.thread().id()).isEqualTo("thread_abc123");
		assertThat(((RunStepDetailsToolCallsObject) last.steps().get(0).stepDetails()).toolCalls()).containsExactly(
				new RunStepDetailsToolCallsFunctionObject("call_1",
						new RunStepDetailsToolCallsFunctionObject.Function("get_weather", "{\"city\":\"Paris\"}", null)),
				new RunStepDetailsToolCallsFunctionObject("call_2",
						new RunStepDetailsToolCallsFunctionObject.Function("get_time", "{}", null)));
	}

	@Test
	void mergesAnAnnotationSplitAcrossDeltasFieldByField() {
		List<RunSnapshot> snapshots = snapshots(sse("thread.message.created", message("in_progress", "[]")),
				sse("thread.message.delta", delta("{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\"See【4:0†doc】\","
						+ "\"annotations\":[{\"index\":0,\"type\":\"file_citation\",\"text\":\"【4:0†doc】\","
						+ "\"start_index\":4,\"file_citation\":{\"file_id\":\"file-9\"}}]}}")),
				sse("thread.message.delta", delta("{\"index\":0,\"type\":\"text\",\"text\":{\"annotations\":["
						+ "{\"index\":0,\"type\":\"file_citation\",\"end_index\":14}]}}")));
		MessageContentTextObject text = (MessageContentTextObject) last(snapshots).messages().get(0).content().get(0);
		assertThat(text.text().annotations()).containsExactly(new MessageContentTextAnnotationsFileCitationObject(
				"【4:0†doc】", new MessageContentTextAnnotationsFileCitationObject.FileCitation("file-9"), 4, 14));
	}

	@Test
	void putsEachContentDeltaAtItsIndexWhateverTheOrder() {
		List<RunSnapshot> snapshots = snapshots(sse("thread.message.created", message("in_progress", "[]")),
				sse("thread.message.delta", delta("{\"index\":1,\"type\":\"text\",\"text\":{\"value\":\"second\"}}")),
				sse("thread.message.delta", delta("{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\"first\"}}")));
		assertThat(last(snapshots).messages().get(0).content()).extracting((part) -> ((MessageContentTextObject) part).text().value())
			.containsExactly("first", "second");
		assertThat(last(snapshots).text()).isEqualTo("first\n\nsecond");
	}

	@Test
	void keepsDeltasThatArriveBeforeTheirObject() {
		List<RunSnapshot> snapshots = snapshots(
				sse("thread.run.step.delta", stepDelta("{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}")),
				sse("thread.run.step.created", step("tool_calls", "[]")),
				sse("thread.message.delta", delta("{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\"Early\"}}")),
				sse("thread.message.created", message("in_progress", "[]")),
				sse("thread.message.delta", delta("{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\" bird\"}}")));
		RunSnapshot last = last(snapshots);
		assertThat(last.text()).isEqualTo("Early bird");
		assertThat(last.messages().get(0).threadId()).as("completed from its created event").isEqualTo("thread_abc123");
		assertThat(last.steps()).singleElement().satisfies((step) -> {
			assertThat(step.runId()).isEqualTo("run_abc123");
			assertThat(((RunStepDetailsToolCallsObject) step.stepDetails()).toolCalls()).containsExactly(
					new RunStepDetailsToolCallsFunctionObject("call_1",
							new RunStepDetailsToolCallsFunctionObject.Function("get_time", "{}", null)));
		});
	}

	@Test
	void completesAfterAFailedRun() {
		String failed = ((ObjectNode) SpecFixtures.JSON.readTree(run("failed"))).set("last_error",
				SpecFixtures.JSON.readTree("{\"code\":\"server_error\",\"message\":\"model crashed\"}")).toString();
		stubStream("/threads/thread_1/runs/run_1/submit_tool_outputs", sse("thread.run.in_progress", run("in_progress")),
				sse("thread.run.failed", failed), "event: done\ndata: [DONE]\n\n");
		StepVerifier.create(client().submitToolOutputsToRunStream("thread_1", "run_1",
				SubmitToolOutputsRunRequest.of(List.of(new SubmitToolOutputsRunRequest.ToolOutput("call_1", "42")))))
			.expectNextMatches(RunInProgress.class::isInstance)
			.assertNext((event) -> assertThat(((RunFailed) event).data().lastError().code())
				.isEqualTo(LastErrorCode.SERVER_ERROR))
			.expectComplete()
			.verify(BOUND);
	}

	@Test
	void failsOnAnErrorEventWithTheServersError() {
		stubStream("/threads/thread_1/runs", sse("thread.run.created", run("queued")), sse("error",
				"{\"code\":\"server_error\",\"message\":\"Something broke\",\"param\":null,\"type\":\"server_error\"}"));
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextMatches(RunCreated.class::isInstance)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(AssistantsStreamException.class,
					(ex) -> {
						assertThat(ex.getError().message()).isEqualTo("Something broke");
						assertThat(ex.getError().code()).isEqualTo("server_error");
						assertThat(ex.getMessage()).contains("Something broke");
					}))
			.verify(BOUND);
	}

	@Test
	void passesAnUnknownEventOnWithItsRawData() {
		stubStream("/threads/thread_1/runs", sse("thread.run.created", run("queued")),
				sse("thread.run.paused", "{\"reason\":\"maintenance\"}"), sse("thread.run.completed", run("completed")),
				"event: done\ndata: [DONE]\n\n");
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextMatches(RunCreated.class::isInstance)
			.expectNext(new UnknownEvent("thread.run.paused", "{\"reason\":\"maintenance\"}"))
			.expectNextMatches(RunCompleted.class::isInstance)
			.expectComplete()
			.verify(BOUND);
	}

	@Test
	void skipsKeepAliveCommentsAndReadsCarriageReturnLineEnds() {
		stubStream("/threads/thread_1/runs", ": keep-alive\n\n", sse("thread.run.created", run("queued")),
				": keep-alive\n\n", sse("thread.run.completed", run("completed")).replace("\n", "\r\n"),
				"event: done\r\ndata: [DONE]\r\n\r\n");
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextMatches(RunCreated.class::isInstance)
			.expectNextMatches(RunCompleted.class::isInstance)
			.expectComplete()
			.verify(BOUND);
	}

	@Test
	void tellsAResponseListenerOfTheStreamsResponse() {
		this.server.stubFor(post("/threads/thread_1/runs").willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("x-request-id", "req_s")
			.withBody(sse("thread.run.completed", run("completed")) + "event: done\ndata: [DONE]\n\n")));
		AtomicReference<String> response = new AtomicReference<>();
		ResponseListener listener = (status, headers) -> response.set(status + " " + headers.getFirst("x-request-id"));
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build())
			.contextWrite(listener.asContext()))
			.expectNextMatches(RunCompleted.class::isInstance)
			.expectComplete()
			.verify(BOUND);
		assertThat(response).hasValue("200 req_s");
	}

	@Test
	void failsClearlyWhenTheServerAnswersJsonInsteadOfAStream() {
		this.server.stubFor(post("/threads/thread_1/runs")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(run("queued"))));
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(InvalidResponseException.class)
				.hasMessageStartingWith("createRun (POST /threads/{thread_id}/runs): the server answered "
						+ "application/json instead of an event stream; it may not support stream: true [status 200, "
						+ "content type application/json]: {\"")
				.satisfies((ex) -> assertThat(((InvalidResponseException) ex).getBodyExcerpt()).isEqualTo(run("queued"))))
			.verify(BOUND);
		this.server.verify(1, postRequestedFor(urlEqualTo("/threads/thread_1/runs")));
	}

	@Test
	void failsAnEventLargerThanTheLimit() {
		stubStream("/threads/thread_1/runs", sse("thread.run.created", run("queued")),
				sse("thread.run.completed", run("completed").replace("}", ",\"padding\":\"" + "x".repeat(4096) + "\"}")));
		AssistantsOperations client = AssistantsTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.maxInMemorySize(DataSize.ofKilobytes(4))
			.build();
		StepVerifier.create(client.createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextMatches(RunCreated.class::isInstance)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(InvalidResponseException.class)
				.hasMessageContaining("larger than 4096 bytes (openai.max-in-memory-size)"))
			.verify(BOUND);
	}

	@Test
	void failsOnAnEventThatIsNotValidSayingWhichEventAndResponse() {
		this.server.stubFor(post("/threads/thread_1/runs").willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("x-request-id", "req_bad")
			.withBody(sse("thread.run.created", run("queued")) + sse("thread.run.completed", "{\"id\":7,\"status\":[]}"))));
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextMatches(RunCreated.class::isInstance)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(InvalidResponseException.class,
					(ex) -> {
						assertThat(ex.getMessage()).startsWith("createRun (POST /threads/{thread_id}/runs): the data "
								+ "of the 'thread.run.completed' event is not valid: ")
							.endsWith("[status 200, content type text/event-stream, request ID req_bad]: "
									+ "{\"id\":7,\"status\":[]}");
						assertThat(ex.getBodyExcerpt()).isEqualTo("{\"id\":7,\"status\":[]}");
						assertThat(ex.getRequestId()).isEqualTo("req_bad");
					}))
			.verify(BOUND);
	}

	@Test
	void failsWhenTheStreamIsCutMidEvent() {
		stubStream("/threads/thread_1/runs", sse("thread.run.created", run("queued")),
				"event: thread.run.in_progress\ndata: {\"id\":\"run_abc1");
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextMatches(RunCreated.class::isInstance)
			.expectError(AssistantsException.class)
			.verify(BOUND);
	}

	@Test
	void failsWhenTheStreamEndsBeforeTheRunDoes() {
		stubStream("/threads/thread_1/runs", sse("thread.run.created", run("queued")),
				sse("thread.run.in_progress", run("in_progress")));
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextCount(2)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(AssistantsStreamException.class)
				.hasMessageContaining("the stream ended before its done event"))
			.verify(BOUND);
	}

	@Test
	void completesWithoutDoneAfterTheRunStopped() {
		stubStream("/threads/thread_1/runs", sse("thread.run.created", run("queued")),
				sse("thread.run.completed", run("completed")));
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextCount(2)
			.expectComplete()
			.verify(BOUND);
	}

	@Test
	void completesWithoutDoneWhenOtherEventsFollowTheRunsLastState() {
		stubStream("/threads/thread_1/runs", sse("thread.run.created", run("queued")),
				sse("thread.run.completed", run("completed")), sse("thread.message.completed", message("completed", "[]")));
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextCount(3)
			.expectComplete()
			.verify(BOUND);
	}

	@Test
	void failsAStalledStreamAfterTheIdleTimeout() {
		try (StreamServer stalled = StreamServer.stalledAfter(sse("thread.run.created", run("queued")))) {
			AssistantsOperations client = AssistantsTemplate.builder()
				.baseUrl(stalled.baseUrl())
				.streamIdleTimeout(Duration.ofMillis(300))
				.build();
			StepVerifier.create(client.createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
				.expectNextMatches(RunCreated.class::isInstance)
				.expectError(AssistantsTimeoutException.class)
				.verify(BOUND);
			await().atMost(BOUND).until(() -> stalled.closedConnections.get() == 1);
		}
	}

	@Test
	void cancellingTheSubscriptionClosesTheConnection() {
		try (StreamServer stalled = StreamServer.stalledAfter(sse("thread.run.created", run("queued")))) {
			AssistantsOperations client = AssistantsTemplate.builder().baseUrl(stalled.baseUrl()).build();
			StepVerifier.create(client.createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
				.expectNextMatches(RunCreated.class::isInstance)
				.thenCancel()
				.verify(BOUND);
			await().atMost(BOUND).until(() -> stalled.closedConnections.get() == 1);
		}
	}

	@Test
	void aSlowSubscriberHoldsTheServerBackInsteadOfBufferingTheStream() {
		String events = sse("thread.message.delta", delta("{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\"word\"}}"))
			.repeat(500);
		AtomicLong sent = new AtomicLong();
		Flux<String> endless = Flux.concat(Flux.just(sse("thread.run.created", run("queued"))),
				Flux.<String>generate((sink) -> sink.next(events)).doOnNext((chunk) -> sent.addAndGet(chunk.length())));
		try (StreamServer server = new StreamServer(endless)) {
			AssistantsOperations client = AssistantsTemplate.builder().baseUrl(server.baseUrl()).build();
			StepVerifier.create(client.createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()), 2)
				.expectNextMatches(RunCreated.class::isInstance)
				.expectNextMatches(MessageDelta.class::isInstance)
				.thenAwait(Duration.ofMillis(500))
				.then(() -> assertThat(sent.get()).as("bytes the server could send").isLessThan(32L << 20))
				.thenCancel()
				.verify(BOUND);
		}
	}

	/**
	 * A server that sends the given stream, and counts the connections that were closed.
	 */
	private static final class StreamServer implements AutoCloseable {

		private final AtomicInteger closedConnections = new AtomicInteger();

		private final DisposableServer server;

		StreamServer(Flux<String> stream) {
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.doOnChannelInit((observer, channel, address) -> channel.closeFuture()
					.addListener((future) -> this.closedConnections.incrementAndGet()))
				.route((routes) -> routes.post("/v1/threads/{id}/runs", (request, response) -> response
					.header("Content-Type", "text/event-stream")
					.sendString(stream)))
				.bindNow();
		}

		/**
		 * A server that sends the start of a stream and then nothing.
		 */
		static StreamServer stalledAfter(String firstEvents) {
			return new StreamServer(Flux.concat(Flux.just(firstEvents), Flux.never()));
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.port() + "/v1";
		}

		@Override
		public void close() {
			this.server.disposeNow();
		}

	}

	@Test
	void mapsAnErrorStatusBeforeTheStream() {
		this.server.stubFor(post("/threads/thread_1/runs").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Thread thread_1 already has an active run run_9.\",\"type\":\"invalid_request_error\"}}")));
		StepVerifier.create(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectError(BadRequestException.class)
			.verify(BOUND);
		this.server.verify(1, postRequestedFor(urlEqualTo("/threads/thread_1/runs")));
	}

	@Test
	void retriesAStreamOnlyBeforeItsFirstEvent() {
		this.server.stubFor(post("/threads/thread_1/runs").inScenario("retry")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		this.server.stubFor(post("/threads/thread_1/runs").inScenario("retry")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(sse("thread.run.created", run("queued")) + sse("thread.run.in_progress", run("in_progress")))));
		AssistantsOperations client = AssistantsTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.retry(RetrySettings.DEFAULT.withInitialBackoff(Duration.ofMillis(10)))
			.build();
		StepVerifier.create(client.createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.expectNextCount(2)
			.expectError(AssistantsStreamException.class)
			.verify(BOUND);
		this.server.verify(2, postRequestedFor(urlEqualTo("/threads/thread_1/runs")));
	}

	private AssistantsOperations client() {
		return AssistantsTemplate.builder().baseUrl(this.server.baseUrl()).build();
	}

	/** The snapshots of a run whose stream holds these events, then done. */
	private List<RunSnapshot> snapshots(String... events) {
		List<String> stream = new ArrayList<>(List.of(sse("thread.run.created", run("queued"))));
		stream.addAll(List.of(events));
		stream.add(sse("thread.run.completed", run("completed")));
		stream.add("event: done\ndata: [DONE]\n\n");
		stubStream("/threads/thread_1/runs", stream.toArray(String[]::new));
		return RunStreams.snapshots(client().createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()))
			.collectList()
			.block(BOUND);
	}

	private static RunSnapshot last(List<RunSnapshot> snapshots) {
		return snapshots.get(snapshots.size() - 1);
	}

	private void stubStream(String path, String... events) {
		this.server.stubFor(post(path).willReturn(
				aResponse().withHeader("Content-Type", "text/event-stream").withBody(String.join("", events))));
	}

	private static String sse(String event, String data) {
		return "event: " + event + "\ndata: " + data + "\n\n";
	}

	private static String run(String status) {
		ObjectNode run = (ObjectNode) example("getRun");
		run.put("status", status);
		return run.toString();
	}

	private static String thread() {
		return example("getThread").toString();
	}

	private static String message(String status, String content) {
		ObjectNode message = (ObjectNode) example("getMessage");
		message.put("id", "msg_1");
		message.put("role", "assistant");
		message.put("status", status);
		message.set("content", SpecFixtures.JSON.readTree(content));
		return message.toString();
	}

	private static String step(String type, String details) {
		ObjectNode step = (ObjectNode) example("getRunStep");
		step.put("id", "step_1");
		step.put("type", type);
		step.put("status", "in_progress");
		step.set("step_details", SpecFixtures.JSON.readTree("{\"type\":\"" + type + "\",\"" + type + "\":" + details + "}"));
		return step.toString();
	}

	private static String delta(String content) {
		return "{\"id\":\"msg_1\",\"object\":\"thread.message.delta\",\"delta\":{\"content\":[" + content + "]}}";
	}

	private static String stepDelta(String toolCall) {
		return "{\"id\":\"step_1\",\"object\":\"thread.run.step.delta\",\"delta\":{\"step_details\":"
				+ "{\"type\":\"tool_calls\",\"tool_calls\":[" + toolCall + "]}}}";
	}

	private static JsonNode example(String operationId) {
		return SpecFixtures.operation(operationId).at("/example/responseBody").deepCopy();
	}

}
