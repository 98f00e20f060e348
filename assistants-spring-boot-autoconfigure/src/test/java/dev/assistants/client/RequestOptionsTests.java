package dev.assistants.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.test.StepVerifier;

import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.SpecFixtures;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Per-call options on the wire: extra headers, query parameters and body properties, and a timeout,
 * for one call or every request of a helper.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "openai.api-key=sk-test-key", "openai.headers.[X-Tenant]=configured",
				"openai.timeout=30s", "openai.polling.interval=10ms" })
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class RequestOptionsTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final String RUN = SpecFixtures.operation("getRun").at("/example/responseBody").toString();

	private static final String MESSAGES = SpecFixtures.operation("listMessages")
		.at("/example/responseBody")
		.toString();

	@Autowired
	private AssistantsOperations operations;

	@InjectWireMock
	private WireMockServer server;

	@BeforeEach
	void stubEverything() {
		this.server.stubFor(WireMock.any(anyUrl()).willReturn(okJson(RUN)));
	}

	@Test
	void sendsExtraHeadersQueryAndBodyWithOneCall() {
		RequestOptions options = RequestOptions.builder()
			.header("X-Tenant", "acme")
			.header("X-Trace", "t-1")
			.queryParameter("api-version", "2024-10-01")
			.queryParameter("include[]", "a&b")
			.bodyProperty("model", "gpt-4o-mini")
			.bodyProperty("reasoning_effort", "low")
			.bodyProperty("routing", Map.of("region", "eu"))
			.build();
		this.operations.createRun("thread_1", CreateRunRequest.builder("asst_1").model("gpt-4o").build())
			.contextWrite(options.asContext())
			.block(BOUND);
		this.server.verify(postRequestedFor(
				urlEqualTo("/threads/thread_1/runs?api-version=2024-10-01&include%5B%5D=a%26b"))
			.withHeader("X-Tenant", equalTo("acme"))
			.withHeader("X-Trace", equalTo("t-1"))
			.withHeader("Authorization", equalTo("Bearer sk-test-key"))
			.withRequestBody(equalToJson("""
					{"assistant_id":"asst_1","model":"gpt-4o-mini","reasoning_effort":"low",
					 "routing":{"region":"eu"}}""")));
		assertThat(this.server.getAllServeEvents().get(0).getRequest().getHeaders().getHeader("X-Tenant").values())
			.containsExactly("acme");
	}

	@Test
	void sendsNothingExtraWithoutOptions() {
		this.operations.createRun("thread_1", CreateRunRequest.builder("asst_1").build()).block(BOUND);
		this.server.verify(postRequestedFor(urlEqualTo("/threads/thread_1/runs"))
			.withHeader("X-Tenant", equalTo("configured"))
			.withHeader("X-Trace", absent())
			.withRequestBody(equalToJson("{\"assistant_id\":\"asst_1\"}")));
	}

	@Test
	void aQueryParameterReplacesTheRequestsOwn() {
		this.server.stubFor(WireMock.get(urlPathEqualTo("/threads/thread_1/messages")).willReturn(okJson(MESSAGES)));
		this.operations.listMessages("thread_1", MessageListQuery.of(ListQuery.limit(5).withOrder(ListOrder.ASC)))
			.contextWrite(RequestOptions.builder().queryParameter("limit", "7").build().asContext())
			.block(BOUND);
		assertThat(requests()).singleElement()
			.extracting(LoggedRequest::getUrl)
			.isEqualTo("/threads/thread_1/messages?order=asc&limit=7");
	}

	@Test
	void appliesToEveryRequestOfAHelperButSendsNoBodyWithoutOne() {
		this.server.stubFor(WireMock.post(urlPathEqualTo("/threads/thread_1/runs")).willReturn(okJson(run("queued"))));
		this.server.stubFor(WireMock.get("/threads/thread_1/runs/" + runId() + "?api-version=2")
			.willReturn(okJson(run("completed"))));
		RequestOptions options = RequestOptions.builder()
			.header("X-Tenant", "acme")
			.queryParameter("api-version", "2")
			.bodyProperty("priority", 1)
			.build();
		assertThat(this.operations.createRunAndPoll("thread_1", CreateRunRequest.builder("asst_1").build())
			.contextWrite(options.asContext())
			.block(BOUND)
			.status()
			.value()).isEqualTo("completed");
		List<LoggedRequest> requests = requests();
		assertThat(requests).hasSize(2).allSatisfy((request) -> {
			assertThat(request.getHeader("X-Tenant")).isEqualTo("acme");
			assertThat(request.getUrl()).endsWith("?api-version=2");
		});
		assertThat(requests.get(0).getBodyAsString()).contains("\"priority\":1");
		assertThat(requests.get(1).getMethod().getName()).isEqualTo("GET");
		assertThat(requests.get(1).getBody()).isEmpty();
	}

	@Test
	void appliesToEachAttemptOfARetriedCall() {
		this.server.stubFor(WireMock.post("/threads/thread_1/messages")
			.inScenario("retry")
			.whenScenarioStateIs("Started")
			.willReturn(aResponse().withStatus(503).withHeader("retry-after-ms", "1"))
			.willSetStateTo("recovered"));
		this.server.stubFor(WireMock.post("/threads/thread_1/messages")
			.inScenario("retry")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(SpecFixtures.operation("getMessage").at("/example/responseBody").toString())));
		this.operations.createMessage("thread_1", CreateMessageRequest.user("Hi"))
			.contextWrite(RequestOptions.builder().header("X-Tenant", "acme").bodyProperty("x", true).build().asContext())
			.block(BOUND);
		assertThat(requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.getHeader("X-Tenant")).isEqualTo("acme");
			assertThat(request.getBodyAsString()).contains("\"x\":true");
		});
	}

	@Test
	void sendsTheOptionsWithAStream() {
		this.server.stubFor(WireMock.post(urlPathEqualTo("/threads/thread_1/runs"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody("event: thread.run.completed\ndata: " + run("completed") + "\n\nevent: done\ndata: [DONE]\n\n")));
		StepVerifier.create(this.operations.createRunStream("thread_1", CreateRunRequest.builder("asst_1").build())
			.contextWrite(RequestOptions.builder()
				.header("X-Tenant", "acme")
				.queryParameter("api-version", "2")
				.bodyProperty("priority", 1)
				.build()
				.asContext()))
			.expectNextCount(1)
			.expectComplete()
			.verify(BOUND);
		this.server.verify(postRequestedFor(urlEqualTo("/threads/thread_1/runs?api-version=2"))
			.withHeader("X-Tenant", equalTo("acme"))
			.withRequestBody(equalToJson("{\"assistant_id\":\"asst_1\",\"priority\":1,\"stream\":true}")));
	}

	@Test
	void aTimeoutBoundsOneCall() {
		this.server.stubFor(WireMock.get("/threads/thread_1").willReturn(okJson("{}").withFixedDelay(3000)));
		assertThatExceptionOfType(AssistantsTimeoutException.class)
			.isThrownBy(() -> this.operations.getThread("thread_1")
				.contextWrite(RequestOptions.builder().timeout(Duration.ofMillis(200)).build().asContext())
				.block(BOUND))
			.withMessage("getThread (GET /threads/{thread_id}): no result within 200 ms (the call's RequestOptions)");
	}

	@Test
	void aTimeoutBoundsTheWaitForEachEventOfAStream() {
		this.server.stubFor(WireMock.post(urlPathEqualTo("/threads/thread_1/runs"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody("event: thread.run.completed\ndata: " + run("completed") + "\n\n")
				.withFixedDelay(3000)));
		StepVerifier.create(this.operations.createRunStream("thread_1", CreateRunRequest.builder("asst_1").build())
			.contextWrite(RequestOptions.builder().timeout(Duration.ofMillis(200)).build().asContext()))
			.expectError(AssistantsTimeoutException.class)
			.verify(BOUND);
	}

	@Test
	void refusesWhatCannotBeSent() {
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().header("X-Key", "k\n"))
			.withMessageStartingWith("header X-Key must not contain a control character (U+000A) but has one at position 2 of 2")
			.withMessageNotContaining("k\n");
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().header(" ", "v"));
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().bodyProperty("stream", true))
			.withMessageContaining("*Stream operations");
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO));
	}

	@Test
	void neverShowsHeaderValues() {
		assertThat(RequestOptions.builder().header("X-Secret", "s3cr3t").bodyProperty("k", "v").build())
			.hasToString("RequestOptions[headers=[X-Secret], queryParameters=[], bodyProperties=[k], timeout=null]");
	}

	private List<LoggedRequest> requests() {
		return this.server.findAll(anyRequestedFor(anyUrl()));
	}

	private static String runId() {
		return SpecFixtures.operation("getRun").at("/example/responseBody/id").asString();
	}

	private static String run(String status) {
		return RUN.replaceFirst("\"status\":\"[a-z_]+\"", "\"status\":\"" + status + "\"");
	}

}
