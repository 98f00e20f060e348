package dev.assistants.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.assistants.engine.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own starter against the server: the sample application's jar, unchanged, run as a user runs
 * it with {@code OPENAI_BASE_URL} and {@code OPENAI_API_KEY} pointing at the server: its startup
 * conversation with a tool call, its documents uploaded and cited, and its chat. The reactor
 * builds the sample before the server, so its jar is there.
 */
class SampleAppAgainstServerTests {

	private static final Path SAMPLE_JAR = Path.of("../assistants-sample-app/target/assistants-sample-app-0.1.0-SNAPSHOT.jar");

	private static final String KEY = "sk-sample-key";

	@Test
	void theSampleHoldsItsConversationsOnTheServer() throws Exception {
		try (RunningServer server = RunningServer.onPostgres("assistants.server.api-keys[0].key=" + KEY,
				"assistants.server.api-keys[0].project=shop")) {
			try (JarProcess sample = JarProcess.start(SAMPLE_JAR,
					Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", KEY), "--server.port=0")) {
				Api shop = Api.withKey("http://127.0.0.1:" + sample.port(), null);
				sample.awaitLine("Assistant: ", Duration.ofSeconds(60));
				assertThat(sample.output()).as("the startup conversation, with its tool call")
					.anySatisfy((line) -> assertThat(line).contains("Tool call order_status(42) -> shipped"))
					.anySatisfy((line) -> assertThat(line).contains("Assistant: Here is what I found: Order 42: shipped"));
				sample.awaitLine("Policy assistant: ", Duration.ofSeconds(60));
				assertThat(sample.output()).as("the startup question to the documents, uploaded to the server's vector store")
					.anySatisfy((line) -> assertThat(line).contains("within 30 days of delivery")
						.contains("(cites returns-policy.md, file-"));
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
		}
	}

}
