package dev.assistants.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.assistants.client.AssistantsOperations;
import dev.assistants.emulator.AssistantsEmulator;
import dev.assistants.emulator.ModelTurn;
import dev.assistants.emulator.ReceivedRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample end to end, offline, against the embedded emulator it starts by default: a chat that
 * makes a tool call, the same chat streamed, a user's mistakes answered with 4xx problems, and the
 * actuator's health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.demo-on-startup=false")
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private AssistantsEmulator emulator;

	@Autowired
	private AssistantsOperations assistants;

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
	void answersFromTheDocumentsAndCitesThem() {
		Map<?, ?> answer = client().post()
			.uri("/documents/ask")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("question", "Please search the file: how many days do I have to return an item?"))
			.retrieve()
			.bodyToMono(Map.class)
			.block(BOUND);
		assertThat((String) answer.get("text")).contains("30 days of delivery");
		assertThat((List<?>) answer.get("citations")).singleElement().satisfies((citation) -> {
			Map<?, ?> cited = (Map<?, ?>) citation;
			assertThat(cited.get("filename")).isEqualTo("returns-policy.md");
			assertThat((String) cited.get("fileId")).startsWith("file-");
			assertThat((String) answer.get("text")).contains((String) cited.get("marker"));
		});
		assertThat(this.emulator.requests()).filteredOn((request) -> request.uri().equals("/v1/files"))
			.as("the policy is uploaded once, for every question")
			.hasSize(1);
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
	void answersAMissingOrBlankMessageWithA400Problem(CapturedOutput output) {
		for (String body : List.of("{}", "{\"message\":\"   \"}")) {
			ResponseEntity<Map> response = post(body);
			assertThat(response.getStatusCode().value()).isEqualTo(400);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody().get("detail")).asString().contains("message must not be blank");
		}
		ResponseEntity<Map> stream = client().get()
			.uri("/chat/stream?message=")
			.exchangeToMono((answer) -> answer.toEntity(Map.class))
			.block(BOUND);
		assertThat(stream.getStatusCode().value()).isEqualTo(400);
		assertThat(stream.getBody().get("detail")).asString().contains("message must not be blank");
		assertThat(output).doesNotContain(" ERROR ", " WARN ");
	}

	@Test
	void answersAnUnknownConversationWithA404Problem(CapturedOutput output) {
		ResponseEntity<Map> response = post("{\"conversationId\":\"thread_nope\",\"message\":\"Hi\"}");
		assertThat(response.getStatusCode().value()).isEqualTo(404);
		assertThat(response.getBody().get("title")).isEqualTo("Unknown conversation");
		assertThat(output).doesNotContain(" ERROR ", " WARN ");
	}

	@Test
	void answersAMessageWhileTheLastIsAnsweredWithA409Problem(CapturedOutput output) {
		String conversation = this.assistants.createThread().block(BOUND).id();
		this.emulator.script(ModelTurn.reply("Slowly").after(Duration.ofSeconds(2)));
		CompletableFuture<Map> first = client().post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("conversationId", conversation, "message", "First"))
			.retrieve()
			.bodyToMono(Map.class)
			.toFuture();
		Awaitility.await().atMost(BOUND).until(() -> this.emulator.requests()
			.stream()
			.anyMatch((request) -> request.uri().endsWith(conversation + "/runs")));
		ResponseEntity<Map> second = post("{\"conversationId\":\"" + conversation + "\",\"message\":\"Second\"}");
		assertThat(second.getStatusCode().value()).isEqualTo(409);
		assertThat(second.getBody().get("title")).isEqualTo("Conversation busy");
		assertThat(second.getBody().get("detail")).asString().contains("still answering", "run_");
		assertThat(first).succeedsWithin(BOUND).satisfies((reply) -> assertThat(reply.get("reply")).isEqualTo("Slowly"));
		assertThat(output).doesNotContain(" ERROR ", " WARN ");
	}

	@Test
	void reportsHealth() {
		Map<?, ?> health = client().get().uri("/actuator/health").retrieve().bodyToMono(Map.class).block(BOUND);
		assertThat(health.get("status")).isEqualTo("UP");
	}

	private ResponseEntity<Map> post(String body) {
		return client().post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono((answer) -> answer.toEntity(Map.class))
			.block(BOUND);
	}

	private WebClient client() {
		return WebClient.create("http://localhost:" + this.port);
	}

}
