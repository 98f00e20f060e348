package dev.assistants.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.engine.Api;
import dev.assistants.engine.Api.Response;
import dev.assistants.server.autoconfigure.AssistantsServerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that are not what a client of the API sends, answered on each store as the API answers
 * (OpenAI's error shape, the right status) or cut off, never held open: a URL or headers over the
 * limits, a client that stalls in its headers or in its body.
 */
class HostileRequestTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "memory", "postgresql" })
	void answersAUrlOrHeadersOverTheLimitsInOpenAiShape(String store) {
		try (RunningServer server = start(store)) {
			Api api = Api.withKey(server.baseUrl(), null);
			Response longUrl = api.get("/assistants?after=" + "a".repeat(10_000));
			assertThat(longUrl.status()).isEqualTo(414);
			assertThat(longUrl.headers().firstValue("content-type")).hasValue("application/json");
			assertError(longUrl, "The request URL is too long (");

			Response largeHeaders = api.sendWithHeaders("GET", "/assistants", null,
					Map.of("x-filler", "b".repeat(20_000))).join();
			assertThat(largeHeaders.status()).isEqualTo(431);
			assertError(largeHeaders, "The request headers are too large (");

			assertThat(api.get("/assistants").status()).as("the server goes on").isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "postgresql" })
	void closesTheConnectionOfAClientThatStallsInItsBody(String store) throws IOException {
		try (RunningServer server = start(store, "assistants.server.request-read-timeout=1s")) {
			String stalled = "POST /v1/assistants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 100\r\n\r\n{\"model\":";
			assertThat(secondsUntilClosed(server, stalled)).isBetween(1L, 5L);
			Api api = Api.withKey(server.baseUrl(), null);
			assertThat(api.ok("GET", "/assistants", null).path("data").isEmpty()).as("nothing written").isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "postgresql" })
	void closesTheConnectionOfAClientThatStallsInItsHeaders(String store) throws IOException {
		try (RunningServer server = start(store, "server.netty.idle-timeout=1s")) {
			assertThat(secondsUntilClosed(server, "GET /v1/assistants HTTP/1.1\r\nHost: local")).isBetween(1L, 5L);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "postgresql" })
	void boundsRequestsByDefault(String store) {
		try (RunningServer server = start(store)) {
			assertThat(server.environment().getProperty("server.netty.idle-timeout")).isEqualTo("60s");
			assertThat(server.bean(AssistantsServerProperties.class)
				.getRequestReadTimeout()).isEqualTo(Duration.ofSeconds(30));
		}
	}

	private static RunningServer start(String store, String... properties) {
		Function<String[], RunningServer> start = "memory".equals(store) ? RunningServer::inMemory
				: RunningServer::onPostgres;
		return start.apply(properties);
	}

	/** How long the server keeps a connection on which this was sent and nothing more. */
	private static long secondsUntilClosed(RunningServer server, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(20_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			long start = System.nanoTime();
			InputStream in = socket.getInputStream();
			try {
				while (in.read() != -1) {
					// whatever the server says before it closes
				}
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("the server kept a stalled connection open for 20 s", ex);
			}
			catch (IOException ex) {
				// reset: closed as well
			}
			return Duration.ofNanos(System.nanoTime() - start).toSeconds();
		}
	}

	private static void assertError(Response response, String message) {
		JsonNode error = JSON.readTree(response.text()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.path("message").asString()).startsWith(message);
		assertThat(error.has("param")).isTrue();
		assertThat(error.has("code")).isTrue();
	}

}
