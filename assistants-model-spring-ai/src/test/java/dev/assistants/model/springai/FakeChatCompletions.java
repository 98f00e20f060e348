package dev.assistants.model.springai;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * An OpenAI-compatible Chat Completions endpoint on loopback, as Ollama, vLLM or OpenAI serve it:
 * each request is answered with the next answer queued, streamed as OpenAI streams chunks.
 */
public final class FakeChatCompletions implements AutoCloseable {

	static final String PATH = "/v1/chat/completions";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private int answers;

	public FakeChatCompletions() {
		this.server.start();
	}

	public String baseUrl() {
		return this.server.baseUrl() + "/v1";
	}

	/** The next request is answered with these chunks, then usage, then {@code [DONE]}. */
	public FakeChatCompletions answer(Chunk... chunks) {
		return answer(stream(chunks));
	}

	/** The next request is answered so. */
	public FakeChatCompletions answer(ResponseDefinitionBuilder response) {
		String state = (this.answers == 0) ? Scenario.STARTED : "answer " + this.answers;
		this.server.stubFor(post(urlEqualTo(PATH)).inScenario("answers")
			.whenScenarioStateIs(state)
			.willReturn(response)
			.willSetStateTo("answer " + (++this.answers)));
		return this;
	}

	/** The bodies of the requests received, oldest first. */
	public List<JsonNode> requests() {
		List<JsonNode> bodies = new ArrayList<>();
		this.server.findAll(postRequestedFor(urlEqualTo(PATH))).forEach((request) -> bodies.add(JSON.readTree(request.getBodyAsString())));
		return bodies;
	}

	/** The requests received, oldest first, with their headers. */
	List<LoggedRequest> received() {
		return this.server.findAll(postRequestedFor(urlEqualTo(PATH)));
	}

	@Override
	public void close() {
		this.server.stop();
	}

	public static ResponseDefinitionBuilder stream(Chunk... chunks) {
		StringBuilder body = new StringBuilder();
		for (Chunk chunk : chunks) {
			body.append("data: ").append(chunk.json()).append("\n\n");
		}
		body.append("data: [DONE]\n\n");
		return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body.toString());
	}

	public static ResponseDefinitionBuilder error(int status, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
	}

	public static Chunk text(String text) {
		return new Chunk("{\"index\":0,\"delta\":{\"content\":" + JSON.writeValueAsString(text) + "},\"finish_reason\":null}", null);
	}

	public static Chunk call(int index, String id, String name) {
		return new Chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id
				+ "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":\"\"}}]},\"finish_reason\":null}",
				null);
	}

	public static Chunk arguments(int index, String arguments) {
		return new Chunk("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":"
				+ JSON.writeValueAsString(arguments) + "}}]},\"finish_reason\":null}", null);
	}

	public static Chunk finish(String reason) {
		return new Chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}", null);
	}

	public static Chunk usage(int prompt, int completion) {
		return new Chunk(null, "{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":"
				+ (prompt + completion) + "}");
	}

	/**
	 * One streamed chunk: a choice's delta, or the usage.
	 */
	public record Chunk(@Nullable String choice, @Nullable String usage) {

		public String json() {
			return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":["
					+ ((this.choice != null) ? this.choice : "") + "]" + ((this.usage != null) ? ",\"usage\":" + this.usage : "") + "}";
		}

	}

}
