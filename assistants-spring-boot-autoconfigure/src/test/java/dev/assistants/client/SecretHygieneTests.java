package dev.assistants.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.SpecFixtures;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The API key never reaches a log line, an exception message or a {@code toString()}, even with the
 * client's wiretap and TRACE logging of Reactor Netty, Netty and Spring turned on.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class SecretHygieneTests {

	private static final String KEY = "sk-proj-NEVER-LOG-ME-0123456789abcdef";

	private static final List<String> TRACED = List.of("reactor.netty", "io.netty", "org.springframework",
			"dev.assistants");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	@InjectWireMock
	private WireMockServer server;

	@BeforeEach
	void captureEverything() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		this.appender.setContext(context);
		this.appender.start();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(this.appender);
		TRACED.forEach((name) -> context.getLogger(name).setLevel(Level.TRACE));
	}

	@AfterEach
	void stopCapturing() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
		TRACED.forEach((name) -> context.getLogger(name).setLevel(null));
	}

	@Test
	void keyStaysOutOfLogsExceptionsAndToString() {
		this.server.stubFor(WireMock.post("/threads/thread_1/runs").willReturn(okJson(run())));
		this.server.stubFor(WireMock.get("/threads/thread_1/runs/run_1").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}")));
		this.server.stubFor(WireMock.get("/threads/thread_1").willReturn(aResponse().withStatus(503)));
		WebClient.Builder detailedLogging = WebClient.builder()
			.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(true));
		AssistantsTemplate client = AssistantsTemplate.builder()
			.webClientBuilder(detailedLogging)
			.baseUrl(this.server.baseUrl())
			.apiKey(KEY)
			.wiretap(true)
			.retry(RetrySettings.DEFAULT.withMaxRetries(1).withInitialBackoff(Duration.ofMillis(10)))
			.build();

		client.createRun("thread_1", CreateRunRequest.builder("asst_1").build()).block();
		Throwable unauthorized = catchThrowable(() -> client.getRun("thread_1", "run_1").block());
		Throwable unavailable = catchThrowable(() -> client.getThread("thread_1").block());
		client.close();

		assertThat(this.server.getAllServeEvents())
			.allSatisfy((event) -> assertThat(event.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY));
		List<String> lines;
		synchronized (this.appender) {
			// Netty threads may still be logging: read what was captured under the appender's lock
			lines = this.appender.list.stream().map(SecretHygieneTests::render).toList();
		}
		assertThat(lines).as("the wiretap logged the traffic, credentials redacted")
			.anySatisfy((line) -> assertThat(line).contains("OpenAI-Beta: assistants=v2", "Authorization: [REDACTED]"));
		assertThat(lines).noneSatisfy((line) -> assertThat(line).contains(KEY));
		for (Throwable failure : List.of(unauthorized, unavailable)) {
			assertThat(failure).isInstanceOf(AssistantsApiException.class);
			assertThat(ThrowableProxyUtil.asString(new ch.qos.logback.classic.spi.ThrowableProxy(failure)))
				.doesNotContain(KEY);
		}
		assertThat(client.toString()).doesNotContain(KEY);
	}

	@Test
	void wiretapRedactsCredentialHeadersAndTheKey() {
		RedactingWiretap wiretap = new RedactingWiretap(KEY);
		assertThat(wiretap.redact("""
				GET /v1/threads HTTP/1.1
				authorization: Bearer %s
				Api-Key: %s
				Proxy-Authorization: Basic abc
				X-Echo: %s
				OpenAI-Beta: assistants=v2""".formatted(KEY, KEY, KEY)))
			.isEqualTo("""
					GET /v1/threads HTTP/1.1
					authorization: [REDACTED]
					Api-Key: [REDACTED]
					Proxy-Authorization: [REDACTED]
					X-Echo: [REDACTED]
					OpenAI-Beta: assistants=v2""");
	}

	private static String render(ILoggingEvent event) {
		String line = event.getLoggerName() + " " + event.getFormattedMessage() + " " + Map.of("mdc", event.getMDCPropertyMap());
		return (event.getThrowableProxy() != null) ? line + ThrowableProxyUtil.asString(event.getThrowableProxy()) : line;
	}

	private static String run() {
		return SpecFixtures.operation("getRun").at("/example/responseBody").toString();
	}

}
