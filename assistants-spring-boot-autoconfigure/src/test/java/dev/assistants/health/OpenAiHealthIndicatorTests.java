package dev.assistants.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.RetrySettings;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = OpenAiHealthIndicatorTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class OpenAiHealthIndicatorTests {

	private static final String KEY = "sk-health-secret";

	private static final Duration BOUND = Duration.ofSeconds(10);

	@InjectWireMock
	private WireMockServer server;

	@Test
	void upWithTheBaseUrlLatencyAndRequestId() {
		this.server.stubFor(get(urlPathEqualTo("/assistants"))
			.willReturn(okJson("{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}")
				.withHeader("x-request-id", "req_up")));
		Health health = indicator(this.server.baseUrl(), Duration.ofSeconds(2)).health().block(BOUND);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("baseUrl", this.server.baseUrl())
			.containsEntry("requestId", "req_up")
			.containsKey("latencyMs");
		this.server.verify(getRequestedFor(urlEqualTo("/assistants?limit=1")).withHeader("Authorization",
				equalTo("Bearer " + KEY)));
	}

	@ParameterizedTest
	@CsvSource({ "401, AuthenticationException", "403, PermissionDeniedException", "500, InternalServerException" })
	void downWithTheStatusAndErrorType(int status, String error) {
		this.server.stubFor(get(urlPathEqualTo("/assistants"))
			.willReturn(aResponse().withStatus(status).withHeader("x-request-id", "req_h")));
		Health health = indicator(this.server.baseUrl(), Duration.ofSeconds(2)).health().block(BOUND);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("status", status)
			.containsEntry("error", error)
			.containsEntry("requestId", "req_h");
		assertThat(health.toString()).doesNotContain(KEY);
	}

	@Test
	void downWhenTheServerDoesNotAnswerInTime() {
		this.server.stubFor(get(urlPathEqualTo("/assistants")).willReturn(okJson("{}").withFixedDelay(3000)));
		Health health = indicator(this.server.baseUrl(), Duration.ofMillis(200)).health().block(BOUND);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "Timeout after 200 ms");
	}

	@Test
	void downWhenTheConnectionIsRefused() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Health health = indicator("http://127.0.0.1:" + port + "/v1", Duration.ofSeconds(2)).health().block(BOUND);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "AssistantsConnectionException");
	}

	private static OpenAiHealthIndicator indicator(String baseUrl, Duration timeout) {
		return new OpenAiHealthIndicator(AssistantsTemplate.builder()
			.baseUrl(baseUrl)
			.apiKey(KEY)
			.retry(RetrySettings.DEFAULT.withMaxRetries(0))
			.build(), baseUrl, timeout);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
