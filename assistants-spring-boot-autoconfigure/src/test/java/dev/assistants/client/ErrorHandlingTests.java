package dev.assistants.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import dev.assistants.api.ApiError;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Error answers become the exception for their status with the server's details; transport
 * failures and unreadable answers have their own types; no message holds the key.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "openai.api-key=" + ErrorHandlingTests.KEY, "openai.retry.max-retries=0" })
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class ErrorHandlingTests {

	static final String KEY = "sk-secret-0123456789";

	private static final String ERROR_BODY = """
			{"error":{"message":"No thread found with id 'thread_1'.","type":"invalid_request_error",
			"param":"thread_id","code":"not_found"}}""";

	@Autowired
	private AssistantsOperations operations;

	@InjectWireMock
	private WireMockServer server;

	@ParameterizedTest
	@CsvSource({ "400, BadRequestException", "401, AuthenticationException", "403, PermissionDeniedException",
			"404, NotFoundException", "409, ConflictException", "422, UnprocessableEntityException",
			"429, RateLimitException", "500, InternalServerException", "503, InternalServerException",
			"418, AssistantsApiException" })
	void mapsEachStatusWithTheServersError(int status, String exceptionType) {
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-request-id", "req_42")
			.withBody(ERROR_BODY)));
		assertThatExceptionOfType(AssistantsApiException.class)
			.isThrownBy(() -> this.operations.getThread("thread_1").block())
			.satisfies((ex) -> {
				assertThat(ex.getClass().getSimpleName()).isEqualTo(exceptionType);
				assertThat(ex.getStatusCode()).isEqualTo(status);
				assertThat(ex.getError()).isEqualTo(new ApiError("No thread found with id 'thread_1'.",
						"invalid_request_error", "thread_id", "not_found"));
				assertThat(ex.getRequestId()).isEqualTo("req_42");
				assertThat(ex.getResponseBody()).isNull();
				assertThat(ex.getMessage()).startsWith("getThread (GET /threads/{thread_id}): " + status)
					.contains("No thread found with id 'thread_1'.", "type=invalid_request_error", "code=not_found",
							"param=thread_id", "request ID req_42")
					.doesNotContain(KEY)
					.doesNotContain("retired");
			});
	}

	@Test
	void keepsTheStartOfABodyWithoutAnOpenAiError() {
		String html = "<html><body>" + "Bad gateway ".repeat(300) + "</body></html>";
		this.server.stubFor(get("/threads/thread_1")
			.willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(html)));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.operations.getThread("thread_1").block())
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(502);
				assertThat(ex.getError()).isNull();
				assertThat(ex.getRequestId()).isNull();
				assertThat(ex.getResponseBody()).startsWith("<html><body>Bad gateway").hasSizeLessThan(2100);
				assertThat(ex.getMessage()).contains("502 Bad Gateway: <html><body>Bad gateway").hasSizeLessThan(400);
			});
	}

	@Test
	void readsAnErrorGivenAsAString() {
		this.server.stubFor(get("/threads/thread_1")
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"thread_id is malformed\"}")));
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> this.operations.getThread("thread_1").block())
			.satisfies((ex) -> assertThat(ex.getError())
				.isEqualTo(new ApiError("thread_id is malformed", null, null, null)));
	}

	@Test
	void mapsAnErrorWithAnEmptyBody() {
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withStatus(404)));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.operations.getThread("thread_1").block())
			.satisfies((ex) -> {
				assertThat(ex.getError()).isNull();
				assertThat(ex.getResponseBody()).isNull();
				assertThat(ex.getMessage()).isEqualTo("getThread (GET /threads/{thread_id}): 404 Not Found");
			});
	}

	@Test
	void failsOnASuccessWithHtmlSayingWhichResponseItWas() {
		String page = "<html>Please log in" + "!".repeat(3000) + "</html>";
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withHeader("Content-Type", "text/html")
			.withHeader("x-request-id", "req_proxy")
			.withBody(page)));
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> this.operations.getThread("thread_1").block())
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).startsWith(
						"getThread (GET /threads/{thread_id}): the response is not a valid ThreadObject: Unexpected character")
					.contains("[status 200, content type text/html, request ID req_proxy]: <html>Please log in!!!")
					.endsWith("... (" + page.length() + " characters)")
					.hasSizeLessThan(600);
				assertThat(ex.getStatusCode()).isEqualTo(200);
				assertThat(ex.getContentType()).isEqualTo("text/html");
				assertThat(ex.getRequestId()).isEqualTo("req_proxy");
				assertThat(ex.getBodyExcerpt()).startsWith("<html>Please log in!!!")
					.endsWith("... (" + page.length() + " characters)")
					.hasSize(2000 + ("... (" + page.length() + " characters)").length());
			});
	}

	@Test
	void failsOnASuccessWithTruncatedJson() {
		this.server.stubFor(get("/threads/thread_1").willReturn(okJson("{\"id\":\"thread_1\",\"object\":\"thr")));
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> this.operations.getThread("thread_1").block())
			.withMessageContaining("not a valid ThreadObject");
	}

	@Test
	void failsOnASuccessWithoutBody() {
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withStatus(200)));
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> this.operations.getThread("thread_1").block())
			.withMessage("getThread (GET /threads/{thread_id}): the response has no body [status 200]")
			.satisfies((ex) -> assertThat(ex.getBodyExcerpt()).isNull());
	}

	@Test
	void failsOnABodyLargerThanTheLimit() {
		AssistantsOperations small = AssistantsTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.retry(RetrySettings.DEFAULT.withMaxRetries(0))
			.maxInMemorySize(DataSize.ofKilobytes(1))
			.build();
		this.server.stubFor(get("/threads/thread_1")
			.willReturn(okJson("{\"id\":\"thread_1\",\"metadata\":{\"k\":\"" + "x".repeat(10_000) + "\"}}")));
		assertThatExceptionOfType(InvalidResponseException.class).isThrownBy(() -> small.getThread("thread_1").block())
			.withMessageContaining("larger than 1024 bytes (openai.max-in-memory-size)");
	}

	@Test
	void failsWithATimeoutWhenTheServerDoesNotAnswer() {
		AssistantsOperations impatient = AssistantsTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.retry(RetrySettings.DEFAULT.withMaxRetries(0))
			.responseTimeout(Duration.ofMillis(200))
			.build();
		this.server.stubFor(get("/threads/thread_1").willReturn(okJson("{}").withFixedDelay(3000)));
		assertThatExceptionOfType(AssistantsTimeoutException.class)
			.isThrownBy(() -> impatient.getThread("thread_1").block(Duration.ofSeconds(2)))
			.withMessage("getThread (GET /threads/{thread_id}): localhost:" + this.server.port()
					+ " did not answer in time");
	}

	@Test
	void failsWithAConnectionErrorWhenTheConnectionIsReset() {
		this.server.stubFor(get("/threads/thread_1").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatExceptionOfType(AssistantsConnectionException.class)
			.isThrownBy(() -> this.operations.getThread("thread_1").block(Duration.ofSeconds(5)))
			.withMessageStartingWith("getThread (GET /threads/{thread_id}): the request to localhost:")
			.withMessageNotContaining(KEY);
	}

	@Test
	void failsWithAConnectionErrorWhenNothingListens() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		AssistantsOperations nowhere = AssistantsTemplate.builder()
			.baseUrl("http://127.0.0.1:" + port + "/v1")
			.retry(RetrySettings.DEFAULT.withMaxRetries(0))
			.apiKey(KEY)
			.build();
		assertThatExceptionOfType(AssistantsConnectionException.class)
			.isThrownBy(() -> nowhere.getThread("thread_1").block(Duration.ofSeconds(5)))
			.isNotInstanceOf(AssistantsTimeoutException.class)
			.withMessageStartingWith("getThread (GET /threads/{thread_id}): the request to 127.0.0.1:" + port + " failed")
			.withMessageNotContaining(KEY);
	}

	@Test
	void explainsThatOpenAiRetiredTheApiOnA404FromOpenAi() {
		ApiErrors errors = new ApiErrors(AssistantsJson.createMapper(), "api.openai.com", Clock.systemUTC());
		AssistantsApiException ex = errors.toException(ApiRequest.get("getThread", "/threads/{thread_id}"), 404,
				HttpHeaders.EMPTY, ERROR_BODY);
		assertThat(ex).isInstanceOf(NotFoundException.class);
		assertThat(ex.getMessage()).contains("OpenAI retired its hosted Assistants API on 2026-08-26",
				"set openai.base-url");
		assertThat(errors.toException(ApiRequest.get("getThread", "/threads/{thread_id}"), 400, HttpHeaders.EMPTY,
				ERROR_BODY)
			.getMessage()).doesNotContain("retired");
	}

	@Test
	void ignoresUnknownFieldsAndKeepsUnknownValues() {
		this.server.stubFor(get("/threads/thread_1/runs/run_1").willReturn(okJson("""
				{"id":"run_1","object":"thread.run","created_at":1,"thread_id":"thread_1","assistant_id":"asst_1",
				 "status":"paused","model":"m","instructions":"","tools":[{"type":"web_browser"}],"metadata":null,
				 "parallel_tool_calls":true,"brand_new_field":[1,2,3],"tool_choice":"whenever"}""")));
		assertThat(this.operations.getRun("thread_1", "run_1").block()).satisfies((run) -> {
			assertThat(run.status().isKnown()).isFalse();
			assertThat(run.status().value()).isEqualTo("paused");
			assertThat(run.tools()).singleElement().isInstanceOf(dev.assistants.api.UnknownVariant.class);
			assertThat(run.toolChoice()).hasToString("whenever");
		});
	}

	@Test
	void sendsNoAuthenticationWithoutAKeyAndTheApiKeyHeaderInApiKeyStyle() {
		this.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(okJson("{\"object\":\"list\",\"data\":[],\"has_more\":false}")));
		AssistantsTemplate.builder().baseUrl(this.server.baseUrl()).build().listAssistants().block();
		AssistantsTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey(KEY)
			.authStyle(AuthStyle.API_KEY)
			.build()
			.listAssistants()
			.block();
		var requests = this.server.findAll(WireMock.getRequestedFor(WireMock.urlEqualTo("/assistants")));
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).containsHeader("Authorization")).isFalse();
		assertThat(requests.get(0).containsHeader("api-key")).isFalse();
		assertThat(requests.get(1).getHeader("api-key")).isEqualTo(KEY);
		assertThat(requests.get(1).containsHeader("Authorization")).isFalse();
	}

}
