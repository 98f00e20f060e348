package dev.assistants.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.Disposable;

import dev.assistants.api.ModifyRunRequest;
import dev.assistants.api.SpecFixtures;

import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Retries against a misbehaving server: which failures are retried, how often, how long the client
 * waits, and that every failure ends in a typed exception within a bounded time.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class RetryTests {

	private static final String THREAD = SpecFixtures.operation("getThread").at("/example/responseBody").toString();

	private static final String RUN = SpecFixtures.operation("getRun").at("/example/responseBody").toString();

	private static final Duration BOUND = Duration.ofSeconds(10);

	/** Fast back-off so that the tests stay quick; the delays themselves are tested separately. */
	private static final RetrySettings FAST = new RetrySettings(2, Duration.ofMillis(20), Duration.ofMillis(50), 0,
			Duration.ofSeconds(5));

	@InjectWireMock
	private WireMockServer server;

	@ParameterizedTest
	@EnumSource(Fault.class)
	void retriesEachTransportFaultThenFailsWithAConnectionError(Fault fault) {
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withFault(fault)));
		assertThatExceptionOfType(AssistantsConnectionException.class)
			.isThrownBy(() -> client(FAST).getThread("thread_1").block(BOUND))
			.satisfies((ex) -> {
				assertThat(ex.getAttempts()).isEqualTo(3);
				assertThat(earlierFailures(ex)).hasSize(2).allMatch(AssistantsConnectionException.class::isInstance);
				assertThat(ex.getMessage()).endsWith("(after 3 attempts)");
			});
		assertThat(requests()).hasSize(3);
	}

	@Test
	void retriesAResponseTimeout() {
		this.server.stubFor(get("/threads/thread_1").willReturn(okJson(THREAD).withFixedDelay(2000)));
		AssistantsOperations client = builder(FAST).responseTimeout(Duration.ofMillis(100)).build();
		assertThatExceptionOfType(AssistantsTimeoutException.class)
			.isThrownBy(() -> client.getThread("thread_1").block(BOUND))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(3));
		assertThat(requests()).hasSize(3);
	}

	@Test
	void succeedsWhenAServerErrorIsFollowedBySuccess() {
		failThenSucceed(aResponse().withStatus(502), okJson(THREAD));
		assertThat(client(FAST).getThread("thread_1").block(BOUND).id()).isEqualTo("thread_abc123");
		assertThat(requests()).hasSize(2);
	}

	@Test
	void tellsAResponseListenerOfEveryAttemptsResponse() {
		failThenSucceed(aResponse().withStatus(503).withHeader("x-request-id", "req_1"),
				okJson(THREAD).withHeader("x-request-id", "req_2").withHeader("x-ratelimit-remaining-requests", "99"));
		List<String> responses = new CopyOnWriteArrayList<>();
		ResponseListener listener = (status, headers) -> responses
			.add(status + " " + headers.getFirst("x-request-id") + " " + headers.getFirst("x-ratelimit-remaining-requests"));
		client(FAST).getThread("thread_1").contextWrite(listener.asContext()).block(BOUND);
		assertThat(responses).containsExactly("503 req_1 null", "200 req_2 99");
	}

	@Test
	void aListenerThatThrowsNeitherFailsNorRepeatsTheCall() {
		this.server.stubFor(post("/threads").willReturn(okJson(THREAD)));
		ResponseListener broken = (status, headers) -> {
			throw new IllegalStateException("listener bug");
		};
		assertThat(client(FAST).createThread().contextWrite(broken.asContext()).block(BOUND).id()).isNotBlank();
		assertThat(requests()).hasSize(1);
	}

	@Test
	void honoursRetryAfterMs() {
		failThenSucceed(aResponse().withStatus(429).withHeader("retry-after-ms", "400"), okJson(THREAD));
		assertThat(timed(() -> client(FAST).getThread("thread_1").block(BOUND))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(requests()).hasSize(2);
	}

	@Test
	void honoursRetryAfterInSeconds() {
		failThenSucceed(aResponse().withStatus(503).withHeader("Retry-After", "1"), okJson(THREAD));
		assertThat(timed(() -> client(FAST).getThread("thread_1").block(BOUND))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(requests()).hasSize(2);
	}

	@Test
	void failsAtOnceWhenTheServerAsksForALongerDelayThanAllowed() {
		this.server.stubFor(get("/threads/thread_1")
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
		assertThatExceptionOfType(RateLimitException.class)
			.isThrownBy(() -> client(FAST).getThread("thread_1").block(BOUND))
			.satisfies((ex) -> {
				assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(120));
				assertThat(ex.getAttempts()).isEqualTo(1);
				assertThat(ex.getMessage()).isEqualTo("getThread (GET /threads/{thread_id}): 429 Too Many Requests;"
						+ " not retried: the server asked to wait 120000 ms, longer than openai.retry.max-server-delay"
						+ " (" + FAST.maxServerDelay().toMillis() + " ms)");
			});
		assertThat(requests()).hasSize(1);
	}

	@Test
	void makesExactlyMaxRetriesPlusOneAttemptsOnAPermanent503() {
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> client(FAST.withMaxRetries(4)).getThread("thread_1").block(BOUND))
			.satisfies((ex) -> {
				assertThat(ex.getAttempts()).isEqualTo(5);
				assertThat(earlierFailures(ex)).hasSize(4).allMatch(InternalServerException.class::isInstance);
				assertThat(ex.getMessage()).isEqualTo(
						"getThread (GET /threads/{thread_id}): 503 Service Unavailable (after 5 attempts)");
			});
		assertThat(requests()).hasSize(5);
	}

	@Test
	void makesOneAttemptWhenTheServerSaysNotToRetry() {
		this.server.stubFor(get("/threads/thread_1")
			.willReturn(aResponse().withStatus(503).withHeader("x-should-retry", "false")));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> client(FAST).getThread("thread_1").block(BOUND))
			.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
		assertThat(requests()).hasSize(1);
	}

	@Test
	void retriesAClientErrorWhenTheServerSaysToRetry() {
		failThenSucceed(aResponse().withStatus(400).withHeader("x-should-retry", "true"), okJson(THREAD));
		assertThat(client(FAST).getThread("thread_1").block(BOUND)).isNotNull();
		assertThat(requests()).hasSize(2);
	}

	@Test
	void neverRetriesOtherClientErrors() {
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withStatus(404)));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> client(FAST).getThread("thread_1").block(BOUND));
		assertThat(requests()).hasSize(1);
	}

	@Test
	void sendsOneIdempotencyKeyPerCallWhenEnabled() {
		this.server.stubFor(post("/threads/thread_1/runs/run_1").inScenario("key")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("recovered"));
		this.server.stubFor(post("/threads/thread_1/runs/run_1").inScenario("key")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(RUN)));
		AssistantsOperations client = builder(FAST).idempotencyKeys(true).build();
		client.modifyRun("thread_1", "run_1", new ModifyRunRequest(null)).block(BOUND);
		client.modifyRun("thread_1", "run_1", new ModifyRunRequest(null)).block(BOUND);
		List<String> keys = requests().stream().map((request) -> request.getHeader("Idempotency-Key")).toList();
		assertThat(keys).hasSize(3).doesNotContainNull();
		assertThat(keys.get(0)).startsWith("assistants-").isEqualTo(keys.get(1)).isNotEqualTo(keys.get(2));
	}

	@Test
	void sendsNoIdempotencyKeyByDefault() {
		this.server.stubFor(post("/threads/thread_1/runs/run_1").willReturn(okJson(RUN)));
		client(FAST).modifyRun("thread_1", "run_1", new ModifyRunRequest(null)).block(BOUND);
		assertThat(requests()).singleElement().satisfies((request) -> assertThat(request.containsHeader("Idempotency-Key")).isFalse());
	}

	@Test
	void failsWhenTheWholeCallExceedsTheDeadline() {
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withStatus(503)));
		AssistantsOperations client = builder(new RetrySettings(10, Duration.ofMillis(200), Duration.ofMillis(200), 0,
				Duration.ofSeconds(5))).timeout(Duration.ofMillis(500)).build();
		assertThatExceptionOfType(AssistantsTimeoutException.class)
			.isThrownBy(() -> client.getThread("thread_1").block(BOUND))
			.withMessage("getThread (GET /threads/{thread_id}): no result within 500 ms (openai.timeout)");
		assertThat(requests()).hasSizeBetween(2, 4);
	}

	@Test
	void cancellingStopsTheRetries() throws InterruptedException {
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withStatus(503)));
		AssistantsOperations client = client(new RetrySettings(5, Duration.ofMillis(300), Duration.ofMillis(300), 0,
				Duration.ofSeconds(5)));
		Disposable call = client.getThread("thread_1").subscribe((thread) -> {
		}, (error) -> {
		});
		await().atMost(BOUND).until(() -> requests().size() == 1);
		call.dispose();
		Thread.sleep(700);
		assertThat(requests()).hasSize(1);
	}

	private void failThenSucceed(ResponseDefinitionBuilder failure, ResponseDefinitionBuilder success) {
		this.server.stubFor(get("/threads/thread_1").inScenario("recovery")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("recovered"));
		this.server.stubFor(get("/threads/thread_1").inScenario("recovery")
			.whenScenarioStateIs("recovered")
			.willReturn(success));
	}

	/** The failures of the earlier attempts; {@code block()} adds one of its own to the suppressed. */
	private static List<Throwable> earlierFailures(Throwable failure) {
		return Arrays.stream(failure.getSuppressed()).filter(AssistantsException.class::isInstance).toList();
	}

	private AssistantsOperations client(RetrySettings retry) {
		return builder(retry).build();
	}

	private AssistantsTemplate.Builder builder(RetrySettings retry) {
		return AssistantsTemplate.builder().baseUrl(this.server.baseUrl()).retry(retry);
	}

	private List<LoggedRequest> requests() {
		return this.server.findAll(anyRequestedFor(anyUrl()));
	}

	private static Duration timed(Runnable call) {
		long start = System.nanoTime();
		call.run();
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
