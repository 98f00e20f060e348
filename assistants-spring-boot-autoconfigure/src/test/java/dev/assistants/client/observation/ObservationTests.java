package dev.assistants.client.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.test.StepVerifier;

import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.FilePurpose;
import dev.assistants.api.SpecFixtures;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.NotFoundException;
import dev.assistants.client.ResponseListener;
import dev.assistants.client.ResponseSequence;
import dev.assistants.client.RetrySettings;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ByteArrayResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One {@code assistants.client.operation} observation per call, with its keys, for each way a
 * call ends; and the metrics made from it.
 */
@SpringBootTest(classes = ObservationTests.Application.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class ObservationTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final String RUN_PATH = "/threads/thread_abc123/runs/run_abc123";

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@InjectWireMock
	private WireMockServer server;

	private AssistantsOperations client;

	private AssistantsTemplate template;

	@BeforeEach
	void client() {
		this.registry.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(this.meters))
			.observationHandler(new AssistantsMetricsObservationHandler(this.meters));
		this.template = AssistantsTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.observationRegistry(this.registry)
			.retry(new RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(10), 0, Duration.ofSeconds(1)))
			.build();
		this.client = this.template;
	}

	@Test
	void observesASuccessfulCallWithEveryKey() {
		this.server.stubFor(get(RUN_PATH).willReturn(okJson(run("completed")).withHeader("x-request-id", "req_1")));
		this.client.getRun("thread_abc123", "run_abc123").block(BOUND);
		TestObservationRegistryAssert.assertThat(this.registry)
			.doesNotHaveAnyRemainingCurrentObservation()
			.hasSingleObservationThat()
			.hasNameEqualTo("assistants.client.operation")
			.hasContextualNameEqualTo("assistants getRun")
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("operation", "getRun")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("status", "200")
			.hasLowCardinalityKeyValue("error", "none")
			.hasLowCardinalityKeyValue("server.address", "localhost:" + this.server.port())
			.hasHighCardinalityKeyValue("thread.id", "thread_abc123")
			.hasHighCardinalityKeyValue("run.id", "run_abc123")
			.hasHighCardinalityKeyValue("assistant.id", "asst_abc123")
			.hasHighCardinalityKeyValue("request.id", "req_1");
		assertThat(this.meters.get("assistants.client.operation").tag("operation", "getRun").tag("outcome", "SUCCESS")
			.timer().count()).isEqualTo(1);
		assertThat(this.meters.get("assistants.client.token.usage").tag("type", "total").tag("operation", "getRun")
			.counter().count()).isEqualTo(579);
		assertThat(this.meters.get("assistants.client.token.usage").tag("type", "prompt").counter().count())
			.isEqualTo(123);
		assertThat(this.meters.get("assistants.client.token.usage").tag("type", "completion").counter().count())
			.isEqualTo(456);
	}

	@Test
	void gaugesWhatTheRateLimitsStillAllowAfterEachAnswerAndStillTellsTheCallersListener() {
		ResponseSequence.stub(this.server, RUN_PATH,
				okJson(run("completed")).withHeader("x-ratelimit-remaining-requests", "99")
					.withHeader("x-ratelimit-remaining-tokens", "149000"),
				aResponse().withStatus(404).withHeader("x-ratelimit-remaining-requests", "98")
					.withHeader("x-ratelimit-remaining-tokens", "not a number"));
		List<Integer> heard = new CopyOnWriteArrayList<>();
		ResponseListener listener = (status, headers) -> heard.add(status);
		this.client.getRun("thread_abc123", "run_abc123").contextWrite(listener.asContext()).block(BOUND);
		assertThat(remaining("requests")).isEqualTo(99);
		assertThat(remaining("tokens")).isEqualTo(149000);
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.client
			.getRun("thread_abc123", "run_abc123")
			.contextWrite(listener.asContext())
			.block(BOUND));
		assertThat(remaining("requests")).isEqualTo(98);
		assertThat(remaining("tokens")).as("an unreadable header leaves the gauge as it was").isEqualTo(149000);
		assertThat(heard).containsExactly(200, 404);
	}

	private double remaining(String limit) {
		return this.meters.get(AssistantsMetricsObservationHandler.RATE_LIMIT_REMAINING)
			.tag("limit", limit)
			.tag("server.address", "localhost:" + this.server.port())
			.gauge()
			.value();
	}

	@Test
	void observesAClientError() {
		this.server.stubFor(get(RUN_PATH).willReturn(aResponse().withStatus(404).withHeader("x-request-id", "req_2")));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.client.getRun("thread_abc123", "run_abc123").block(BOUND));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
			.hasLowCardinalityKeyValue("status", "404")
			.hasLowCardinalityKeyValue("error", "NotFoundException")
			.hasHighCardinalityKeyValue("request.id", "req_2");
	}

	@Test
	void observesAServerErrorAfterItsRetries() {
		this.server.stubFor(get(RUN_PATH).willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(dev.assistants.client.InternalServerException.class)
			.isThrownBy(() -> this.client.getRun("thread_abc123", "run_abc123").block(BOUND));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
			.hasLowCardinalityKeyValue("status", "503")
			.hasLowCardinalityKeyValue("error", "InternalServerException");
		assertThat(this.meters.get("assistants.client.retries").tag("operation", "getRun").tag("cause", "503")
			.counter().count()).isEqualTo(2);
	}

	@Test
	void observesARetriedCallAsOneSuccessfulOperation() {
		ResponseSequence.stub(this.server, RUN_PATH, aResponse().withStatus(502), okJson(run("in_progress")));
		this.client.getRun("thread_abc123", "run_abc123").block(BOUND);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("status", "200");
		assertThat(this.meters.get("assistants.client.retries").tag("cause", "502").counter().count()).isEqualTo(1);
		assertThat(this.meters.find("assistants.client.token.usage").counters()).isEmpty();
	}

	@Test
	void observesACancelledCall() {
		this.server.stubFor(get(RUN_PATH).willReturn(okJson(run("completed")).withFixedDelay(2000)));
		StepVerifier.create(this.client.getRun("thread_abc123", "run_abc123"))
			.thenAwait(Duration.ofMillis(100))
			.thenCancel()
			.verify(BOUND);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "CANCELLED")
			.hasLowCardinalityKeyValue("status", "NONE");
	}

	@Test
	void observesAnUploadAndADownloadLikeEveryOtherCall() {
		this.server.stubFor(post("/files").willReturn(okJson("{\"id\":\"file-1\",\"object\":\"file\",\"bytes\":2,"
				+ "\"created_at\":1,\"filename\":\"a.txt\",\"purpose\":\"assistants\",\"status\":\"processed\"}")));
		this.server.stubFor(get("/files/file-1/content").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"No such File object: file-1\",\"type\":\"invalid_request_error\"}}")));

		this.template.files()
			.createFile(new ByteArrayResource("hi".getBytes(StandardCharsets.UTF_8)) {

				@Override
				public String getFilename() {
					return "a.txt";
				}

			}, FilePurpose.ASSISTANTS)
			.block(BOUND);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.template.files().downloadFile("file-1").blockLast(BOUND));

		assertThat(this.meters.get("assistants.client.operation").tag("operation", "createFile").tag("outcome", "SUCCESS")
			.timer().count()).isEqualTo(1);
		assertThat(this.meters.get("assistants.client.operation").tag("operation", "downloadFile").tag("status", "404")
			.timer().count()).isEqualTo(1);
	}

	@Test
	void observesAStreamUntilItEnds() {
		String body = "event: thread.run.created\ndata: " + run("queued") + "\n\nevent: thread.run.completed\ndata: "
				+ run("completed") + "\n\nevent: done\ndata: [DONE]\n\n";
		this.server.stubFor(post("/threads/thread_abc123/runs")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
		StepVerifier.create(this.client.createRunStream("thread_abc123", CreateRunRequest.builder("asst_abc123").build()), 1)
			.expectNextCount(1)
			.then(() -> TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasBeenStarted()
				.isNotStopped())
			.thenRequest(Long.MAX_VALUE)
			.expectNextCount(1)
			.expectComplete()
			.verify(BOUND);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("operation", "createRun")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasHighCardinalityKeyValue("run.id", "run_abc123");
		assertThat(this.meters.get("assistants.client.token.usage").tag("operation", "createRun").tag("type", "total")
			.counter().count()).isEqualTo(579);
	}

	private static String run(String status) {
		tools.jackson.databind.node.ObjectNode run = (tools.jackson.databind.node.ObjectNode) SpecFixtures
			.operation("listRuns")
			.at("/example/responseBody/data/0")
			.deepCopy();
		run.put("status", status);
		return run.toString();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
