package dev.assistants.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.assistants.engine.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own starter against the server: the sample application's jar, unchanged, run as a user runs
 * it with {@code OPENAI_BASE_URL} and {@code OPENAI_API_KEY} pointing at the server. The reactor
 * builds the sample before the server, so its jar is there.
 */
class SampleAppAgainstServerTests {

	private static final Path SAMPLE_JAR = Path.of("../assistants-sample-app/target/assistants-sample-app-0.1.0-SNAPSHOT.jar");

	private static final String KEY = "sk-sample-key";

	@Test
	void theSampleHoldsItsConversationsOnTheServer() throws Exception {
		assertThat(SAMPLE_JAR).as("the sample's jar; build it with ./mvnw install -pl assistants-sample-app").exists();
		try (RunningServer server = RunningServer.onPostgres("assistants.server.api-keys[0].key=" + KEY,
				"assistants.server.api-keys[0].project=shop")) {
			int port = freePort();
			ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-jar", SAMPLE_JAR.toString(), "--server.port=" + port)
				.redirectErrorStream(true);
			builder.environment().put("OPENAI_BASE_URL", server.baseUrl());
			builder.environment().put("OPENAI_API_KEY", KEY);
			Process sample = builder.start();
			List<String> output = new CopyOnWriteArrayList<>();
			Thread reader = new Thread(() -> read(sample, output));
			reader.start();
			try {
				Api shop = Api.withKey("http://127.0.0.1:" + port, null);
				Awaitility.await()
					.atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> output.stream().anyMatch((line) -> line.contains("Assistant: ")));
				assertThat(output).as("the startup conversation, with its tool call")
					.anySatisfy((line) -> assertThat(line).contains("Tool call order_status(42) -> shipped"))
					.anySatisfy((line) -> assertThat(line).contains("Assistant: Here is what I found: Order 42: shipped"));
				JsonNode reply = shop.ok("POST", "/chat", "{\"message\":\"What is the status of order 7?\"}");
				assertThat(reply.path("reply").asString()).isEqualTo("Here is what I found: Order 7: being packed");
				String conversation = reply.path("conversationId").asString();
				JsonNode next = shop.ok("POST", "/chat", "{\"conversationId\":\"" + conversation + "\",\"message\":\"Thanks\"}");
				assertThat(next.path("conversationId").asString()).isEqualTo(conversation);
				assertThat(next.path("reply").asString()).isEqualTo("You said: Thanks");
				JsonNode messages = Api.withKey(server.baseUrl(), KEY).ok("GET", "/threads/" + conversation + "/messages", null);
				assertThat(messages.path("data")).hasSize(4);
				assertThat(shop.ok("GET", "/actuator/health", null).at("/components/openai/status").asString()).isEqualTo("UP");
			}
			finally {
				sample.destroy();
				sample.waitFor();
				reader.join();
			}
		}
	}

	private static void read(Process process, List<String> output) {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
			}
		}
		catch (IOException ex) {
			output.add("Could not read the sample's output: " + ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
