package dev.assistants.sample;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "sample.demo-on-startup=false", "openai.api-key=sk-sample" })
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class TutorServiceTests {

	private static final String RUN = """
			{"id":"run_1","object":"thread.run","created_at":1,"thread_id":"thread_1","assistant_id":"asst_1",
			"status":"%s","model":"gpt-4o","instructions":"","tools":[],"metadata":{},"parallel_tool_calls":true}""";

	@Autowired
	private TutorService tutor;

	@InjectWireMock
	private WireMockServer server;

	@Test
	void asksTheQuestionAndReturnsTheRunsAnswer() {
		this.server.stubFor(post("/assistants").willReturn(okJson("""
				{"id":"asst_1","object":"assistant","created_at":1,"name":"Math Tutor","description":null,
				"model":"gpt-4o","instructions":"You are a personal math tutor. Answer briefly.","tools":[],"metadata":{}}""")));
		this.server.stubFor(post("/threads").willReturn(okJson("""
				{"id":"thread_1","object":"thread","created_at":1,"tool_resources":null,"metadata":{}}""")));
		this.server.stubFor(post("/threads/thread_1/messages").willReturn(okJson(message("msg_1", "user", "What is 3 x 7?"))));
		this.server.stubFor(post("/threads/thread_1/runs").willReturn(okJson(RUN.formatted("queued"))));
		this.server.stubFor(get("/threads/thread_1/runs/run_1").willReturn(okJson(RUN.formatted("completed"))));
		this.server.stubFor(get(urlPathEqualTo("/threads/thread_1/messages"))
			.willReturn(okJson("{\"object\":\"list\",\"data\":[" + message("msg_2", "assistant", "21")
					+ "],\"first_id\":\"msg_2\",\"last_id\":\"msg_2\",\"has_more\":false}")));

		assertThat(this.tutor.ask("What is 3 x 7?").block()).isEqualTo("21");

		this.server.verify(postRequestedFor(urlEqualTo("/assistants")).withRequestBody(equalToJson("""
				{"model":"gpt-4o","name":"Math Tutor","instructions":"You are a personal math tutor. Answer briefly."}""")));
		this.server.verify(postRequestedFor(urlEqualTo("/threads/thread_1/messages"))
			.withRequestBody(equalToJson("{\"role\":\"user\",\"content\":\"What is 3 x 7?\"}")));
		this.server.verify(postRequestedFor(urlEqualTo("/threads/thread_1/runs"))
			.withRequestBody(equalToJson("{\"assistant_id\":\"asst_1\"}")));
		this.server.verify(getRequestedFor(urlPathEqualTo("/threads/thread_1/messages"))
			.withQueryParam("run_id", equalTo("run_1")));
	}

	private static String message(String id, String role, String text) {
		return """
				{"id":"%s","object":"thread.message","created_at":1,"thread_id":"thread_1","status":"completed",
				"incomplete_details":null,"completed_at":1,"incomplete_at":null,"role":"%s",
				"content":[{"type":"text","text":{"value":"%s","annotations":[]}}],"assistant_id":null,
				"run_id":"run_1","attachments":[],"metadata":{}}""".formatted(id, role, text);
	}

}
