package dev.assistants.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.assistants.emulator.AssistantsEmulator;
import dev.assistants.emulator.ReceivedRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample end to end, offline, against the embedded emulator it starts by default: a chat that
 * makes a tool call, the same chat streamed, and the actuator's health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.demo-on-startup=false")
class SampleApplicationTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private AssistantsEmulator emulator;

	@Test
	void chatsAndAnswersTheToolCallWithTheOrderService() {
		Map<?, ?> reply = client().post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "What is the status of order 42?"))
			.retrieve()
			.bodyToMono(Map.class)
			.block(BOUND);
		assertThat(reply.get("reply")).isEqualTo("Here is what I found: Order 42: shipped on 2026-11-24, arriving tomorrow");
		assertThat((String) reply.get("conversationId")).startsWith("thread_");
		assertThat(this.emulator.requests()).filteredOn((request) -> request.uri().endsWith("/submit_tool_outputs"))
			.singleElement()
			.satisfies((request) -> assertThat(request.body()).contains("Order 42: shipped"));

		Map<?, ?> next = client().post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("conversationId", reply.get("conversationId"), "message", "Thanks!"))
			.retrieve()
			.bodyToMono(Map.class)
			.block(BOUND);
		assertThat(next.get("conversationId")).isEqualTo(reply.get("conversationId"));
		assertThat(next.get("reply")).isEqualTo("You said: Thanks!");
	}

	@Test
	void streamsTheAnswerAsItIsWritten() {
		List<String> pieces = client().get()
			.uri("/chat/stream?message={message}", "Status of order 7 please")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(String.class)
			.collectList()
			.block(BOUND);
		assertThat(pieces).hasSizeGreaterThan(3);
		assertThat(String.join("", pieces)).isEqualTo("Here is what I found: Order 7: being packed");
		assertThat(this.emulator.requests()).map(ReceivedRequest::body).anySatisfy((body) -> assertThat(body)
			.contains("\"stream\":true", "Order 7: being packed"));
	}

	@Test
	void reportsHealth() {
		Map<?, ?> health = client().get().uri("/actuator/health").retrieve().bodyToMono(Map.class).block(BOUND);
		assertThat(health.get("status")).isEqualTo("UP");
	}

	private WebClient client() {
		return WebClient.create("http://localhost:" + this.port);
	}

}
