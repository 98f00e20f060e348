package dev.assistants.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.assistants.engine.Api.FormFile;
import dev.assistants.engine.Api.Response;
import dev.assistants.engine.store.AssistantsStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code code_interpreter} tool's contract over HTTP, run against every store, with
 * {@link TestCodeExecutor} in place of kernels: which files a call's code gets, what its results
 * become (a step's outputs, files, a message's image and links), one session per thread kept on
 * the thread, and a session that moved to another instance ended on the first.
 */
public abstract class CodeInterpreterContractTests {

	protected final TestModel model = new TestModel();

	protected final TestCodeExecutor executor = new TestCodeExecutor();

	protected EngineServer server;

	protected Api api;

	/**
	 * The store under test.
	 * @return the store
	 */
	protected abstract AssistantsStore store();

	@BeforeEach
	void startServer() {
		this.server = new EngineServer(store(), this.model, (engine) -> engine.codeExecutor(this.executor)
			.expiryCheckInterval(Duration.ofMillis(100)));
		this.api = Api.newProject(this.server.baseUrl());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void runsCodeWithTheFilesOfTheAssistantTheThreadAndTheMessagesAndKeepsWhatItMade() {
		String assistantFile = upload("a.csv");
		String threadFile = upload("b.csv");
		String attached = upload("c.csv");
		String assistant = this.api.ok("POST", "/assistants", """
				{"model":"gpt-4o","tools":[{"type":"code_interpreter"}],
				 "tool_resources":{"code_interpreter":{"file_ids":["%s"]}}}""".formatted(assistantFile)).path("id").asString();
		String thread = this.api.ok("POST", "/threads", """
				{"tool_resources":{"code_interpreter":{"file_ids":["%s"]}},
				 "messages":[{"role":"user","content":"Plot it","attachments":[{"file_id":"%s",
				   "tools":[{"type":"code_interpreter"}]}]}]}""".formatted(threadFile, attached)).path("id").asString();
		this.model.thenCall("code_interpreter", "{\"code\":\"plot and save\"}")
			.thenReply("Done: [out.txt](sandbox:/mnt/data/out.txt)");
		JsonNode run = this.api.awaitRun(thread, this.api.ok("POST", "/threads/" + thread + "/runs",
				"{\"assistant_id\":\"" + assistant + "\"}").path("id").asString(), "completed");

		JsonNode steps = this.api.ok("GET", "/threads/" + thread + "/runs/" + run.path("id").asString() + "/steps?order=asc", null)
			.path("data");
		JsonNode call = steps.at("/0/step_details/tool_calls/0");
		assertThat(call.path("type").asString()).isEqualTo("code_interpreter");
		assertThat(call.at("/code_interpreter/input").asString()).isEqualTo("plot and save");
		assertThat(call.at("/code_interpreter/outputs/0/logs").asString()).isEqualTo("ran: plot and save with a.csv,b.csv,c.csv");
		String image = call.at("/code_interpreter/outputs/1/image/file_id").asString();
		assertThat(steps.at("/0").has("_code_output_files")).as("the engine's bookkeeping is not shown").isFalse();
		JsonNode imageFile = this.api.ok("GET", "/files/" + image, null);
		assertThat(imageFile.path("purpose").asString()).isEqualTo("assistants_output");
		assertThat(imageFile.path("bytes").asInt()).isEqualTo(1);

		JsonNode message = this.api.ok("GET", "/threads/" + thread + "/messages?run_id=" + run.path("id").asString(), null)
			.at("/data/0");
		assertThat(message.at("/content/0/type").asString()).isEqualTo("image_file");
		assertThat(message.at("/content/0/image_file/file_id").asString()).isEqualTo(image);
		JsonNode link = message.at("/content/1/text/annotations/0");
		assertThat(link.path("type").asString()).isEqualTo("file_path");
		assertThat(link.path("text").asString()).isEqualTo("sandbox:/mnt/data/out.txt");
		assertThat(link.path("start_index").asInt()).isEqualTo(16);
		assertThat(link.path("end_index").asInt()).isEqualTo(41);
		String written = link.at("/file_path/file_id").asString();
		assertThat(this.api.ok("GET", "/files/" + written, null).path("filename").asString()).isEqualTo("out.txt");
		assertThat(this.api.get("/files/" + written + "/content").text()).isEqualTo("hello");
		assertThat(this.api.ok("GET", "/files?purpose=assistants_output", null).path("data")).hasSize(2);

		JsonNode shown = this.api.ok("GET", "/threads/" + thread, null);
		assertThat(shown.has("_code_session")).isFalse();
		assertThat(this.executor.sessions()).hasSize(1);
		this.model.thenCall("code_interpreter", "{\"code\":\"again\"}").thenReply("ok");
		this.api.awaitRun(thread, this.api.ok("POST", "/threads/" + thread + "/runs",
				"{\"assistant_id\":\"" + assistant + "\"}").path("id").asString(), "completed");
		assertThat(this.executor.sessions()).as("the thread's session goes on").hasSize(1);
	}

	@Test
	void refusesAFileThatIsNotTheProjects() {
		Response refused = this.api.post("/assistants", """
				{"model":"gpt-4o","tools":[{"type":"code_interpreter"}],
				 "tool_resources":{"code_interpreter":{"file_ids":["file-nope"]}}}""");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.error().path("message").asString()).isEqualTo("File file-nope not found.");
		assertThat(refused.error().path("param").asString()).isEqualTo("tool_resources.code_interpreter.file_ids");
		String other = Api.newProject(this.server.baseUrl()).postForm("/files", Map.of("purpose", "assistants"),
				new FormFile("file", "x.csv", "text/csv", "x".getBytes(StandardCharsets.UTF_8))).json().path("id").asString();
		assertThat(this.api.post("/threads", "{\"tool_resources\":{\"code_interpreter\":{\"file_ids\":[\"" + other + "\"]}}}")
			.status()).as("another project's file").isEqualTo(400);
	}

	@Test
	void aThreadsSessionThatMovedToAnotherInstanceEndsOnTheFirst() {
		TestCodeExecutor elsewhere = new TestCodeExecutor();
		try (EngineServer other = new EngineServer(store(), this.model, (engine) -> engine.codeExecutor(elsewhere)
			.expiryCheckInterval(Duration.ofMillis(100)))) {
			String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"tools\":[{\"type\":\"code_interpreter\"}]}")
				.path("id").asString();
			String thread = this.api.ok("POST", "/threads", "{}").path("id").asString();
			this.model.thenCall("code_interpreter", "{\"code\":\"here\"}").thenReply("ok");
			this.api.awaitRun(thread, this.api.ok("POST", "/threads/" + thread + "/runs",
					"{\"assistant_id\":\"" + assistant + "\"}").path("id").asString(), "completed");
			assertThat(this.executor.sessions()).hasSize(1);

			Api there = Api.withKey(other.baseUrl(), this.api.key());
			this.model.thenCall("code_interpreter", "{\"code\":\"there\"}").thenReply("ok");
			there.awaitRun(thread, there.ok("POST", "/threads/" + thread + "/runs",
					"{\"assistant_id\":\"" + assistant + "\"}").path("id").asString(), "completed");
			assertThat(elsewhere.sessions()).hasSize(1);
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.executor.sessions()).isEmpty());

			this.api.ok("DELETE", "/threads/" + thread, null);
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(elsewhere.sessions()).isEmpty());
		}
	}

	@Test
	void aNewSessionIsNotEndedWhileItsFirstCodeRuns() {
		String assistant = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"tools\":[{\"type\":\"code_interpreter\"}]}")
			.path("id").asString();
		String thread = this.api.ok("POST", "/threads", "{}").path("id").asString();
		// the code runs for longer than the sessions' sweep comes round (every second here)
		this.model.thenCall("code_interpreter", "{\"code\":\"slow\"}").thenReply("ok");
		JsonNode run = this.api.awaitRun(thread, this.api.ok("POST", "/threads/" + thread + "/runs",
				"{\"assistant_id\":\"" + assistant + "\"}").path("id").asString(), "completed");
		JsonNode call = this.api.ok("GET", "/threads/" + thread + "/runs/" + run.path("id").asString() + "/steps?order=asc",
				null).at("/data/0/step_details/tool_calls/0");
		assertThat(call.at("/code_interpreter/outputs/0/logs").asString()).isEqualTo("ran: slow");
		assertThat(this.executor.sessions()).hasSize(1);
	}

	private String upload(String filename) {
		return this.api.postForm("/files", Map.of("purpose", "assistants"),
				new FormFile("file", filename, "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))).json().path("id")
			.asString();
	}

}
