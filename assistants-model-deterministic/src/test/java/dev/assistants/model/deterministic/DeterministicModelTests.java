package dev.assistants.model.deterministic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.api.MessageObject;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.engine.model.CodeOutputFile;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.FinishReason;
import dev.assistants.engine.model.ModelOutput.TextDelta;
import dev.assistants.engine.model.ModelOutput.TokenUsage;
import dev.assistants.engine.model.ModelOutput.ToolCallDelta;
import dev.assistants.engine.model.ModelRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the deterministic model answers: the function a message names, following the run's
 * {@code tool_choice}, the tool outputs once submitted, the file searches and code a message asks
 * for and what they gave, and an echo otherwise.
 */
class DeterministicModelTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final String TOOLS = """
			[{"type":"function","function":{"name":"order_status","parameters":{"type":"object",
			  "properties":{"order_id":{"type":"string"},"count":{"type":"integer"}}}}},
			 {"type":"function","function":{"name":"weather","parameters":{"type":"object",
			  "properties":{"city":{"type":"string"}}}}}]""";

	private final DeterministicModel model = new DeterministicModel();

	@Test
	void callsTheFunctionWhoseNameTheMessageSpellsOut() {
		assertThat(answer("\"auto\"", "What is the status of order 42?")).containsExactly(
				new ToolCallDelta(0, null, "order_status", "{\"order_id\":\"42\",\"count\":42}"),
				new Finish(FinishReason.TOOL_CALLS, new TokenUsage(7, 2)));
	}

	@Test
	void echoesAMessageThatNamesNoFunction() {
		assertThat(answer("\"auto\"", "Hello there")).containsExactly(new TextDelta("You "), new TextDelta("said: "),
				new TextDelta("Hello "), new TextDelta("there"), new Finish(FinishReason.STOP, new TokenUsage(2, 4)));
	}

	@Test
	void neverCallsAFunctionWhenToolChoiceIsNone() {
		assertThat(answer("\"none\"", "What is the status of order 42?")).last()
			.isEqualTo(new Finish(FinishReason.STOP, new TokenUsage(7, 9)));
	}

	@Test
	void callsAFunctionWhenToolChoiceIsRequired() {
		assertThat(answer("\"required\"", "Is it sunny?")).first().isEqualTo(
				new ToolCallDelta(0, null, "order_status", "{\"order_id\":\"sunny\",\"count\":\"sunny\"}"));
		assertThat(answer("\"required\"", "weather in Oslo")).first()
			.isEqualTo(new ToolCallDelta(0, null, "weather", "{\"city\":\"Oslo\"}"));
	}

	@Test
	void callsTheFunctionToolChoiceNames() {
		assertThat(answer("{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}", "status of order 42 in Oslo"))
			.first()
			.isEqualTo(new ToolCallDelta(0, null, "weather", "{\"city\":\"42\"}"));
	}

	@Test
	void reportsTheOutputsOfTheCallsItMade() {
		RunStepObject step = JSON.readValue("""
				{"id":"step_1","object":"thread.run.step","created_at":1,"assistant_id":"asst_1","thread_id":"thread_1",
				 "run_id":"run_1","type":"tool_calls","status":"completed","step_details":{"type":"tool_calls",
				 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"order_status","arguments":"{}",
				 "output":"shipped"}},{"id":"call_2","type":"function","function":{"name":"weather","arguments":"{}",
				 "output":"sunny"}}]}}""", RunStepObject.class);
		List<ModelOutput> outputs = this.model.respond(request("\"required\"", List.of(step), "order 42 and weather"))
			.collectList()
			.block();
		StringBuilder text = new StringBuilder();
		outputs.stream().filter(TextDelta.class::isInstance).forEach((delta) -> text.append(((TextDelta) delta).text()));
		assertThat(text).hasToString("Here is what I found: shipped; sunny");
	}

	@Test
	void searchesFilesWhenTheMessageSaysFileAndSearch() {
		String tools = "[{\"type\":\"file_search\"}]";
		assertThat(this.model.respond(request("\"auto\"", List.of(), "Search the file for the refund window", tools))
			.collectList()
			.block()).containsExactly(
					new ToolCallDelta(0, null, "file_search", "{\"query\":\"Search the file for the refund window\"}"),
					new Finish(FinishReason.TOOL_CALLS, new TokenUsage(7, 8)));
		assertThat(this.model.respond(request("\"auto\"", List.of(), "Search the web", tools)).collectList().block())
			.as("not about a file").first().isEqualTo(new TextDelta("You "));
		assertThat(this.model.respond(request("\"none\"", List.of(), "file search", tools)).collectList().block())
			.first().isEqualTo(new TextDelta("You "));
		assertThat(this.model.respond(request("\"auto\"", List.of(), "file search")).collectList().block())
			.as("a run without the tool").first().isEqualTo(new TextDelta("You "));
	}

	@Test
	void quotesTheBestResultWithItsCitation() {
		RunStepObject earlier = search("step_1", "[{\"file_id\":\"file-a\",\"file_name\":\"a.txt\",\"score\":0.5,"
				+ "\"content\":[{\"type\":\"text\",\"text\":\"Old.\"}]}]");
		RunStepObject latest = search("step_2", "[{\"file_id\":\"file-b\",\"file_name\":\"policy.txt\",\"score\":0.9,"
				+ "\"content\":[{\"type\":\"text\",\"text\":\"Refunds are accepted\\nwithin 30 days.\"}]},"
				+ "{\"file_id\":\"file-c\",\"file_name\":\"c.txt\",\"score\":0.2,\"content\":[]}]");
		assertThat(text(this.model.respond(request("\"auto\"", List.of(earlier, latest), "file search",
				"[{\"type\":\"file_search\"}]")).collectList().block()))
			.isEqualTo("From policy.txt: \"Refunds are accepted within 30 days.\" 【1†policy.txt】");
		assertThat(text(this.model.respond(request("\"auto\"", List.of(search("step_3", "[]")), "file search",
				"[{\"type\":\"file_search\"}]")).collectList().block()))
			.isEqualTo("I found nothing about that in the files.");
	}

	@Test
	void runsTheMessagesCodeWhenItSaysCodeAndInterpreter() {
		String tools = "[{\"type\":\"code_interpreter\"}]";
		assertThat(this.model.respond(request("\"auto\"", List.of(), "Please use the code interpreter:\n```python\n"
				+ "print(1)\nprint(2)\n```\nthanks", tools)).collectList().block()).first()
			.isEqualTo(new ToolCallDelta(0, null, "code_interpreter", "{\"code\":\"print(1)\\nprint(2)\\n\"}"));
		assertThat(this.model.respond(request("\"auto\"", List.of(), "Run this with the code interpreter: print(2**100)",
				tools)).collectList().block()).first()
			.isEqualTo(new ToolCallDelta(0, null, "code_interpreter", "{\"code\":\"print(2**100)\"}"));
		assertThat(this.model.respond(request("\"none\"", List.of(), "code interpreter: 1", tools)).collectList().block())
			.first().isEqualTo(new TextDelta("You "));
		assertThat(this.model.respond(request("\"auto\"", List.of(), "code interpreter: 1")).collectList().block())
			.as("a run without the tool").first().isEqualTo(new TextDelta("You "));
	}

	@Test
	void reportsWhatTheCodePrintedAndLinksTheFilesItWrote() {
		RunStepObject ran = JSON.readValue("""
				{"id":"step_1","object":"thread.run.step","created_at":1,"assistant_id":"asst_1","thread_id":"thread_1",
				 "run_id":"run_1","type":"tool_calls","status":"completed","step_details":{"type":"tool_calls",
				 "tool_calls":[{"id":"call_1","type":"code_interpreter","code_interpreter":{"input":"...","outputs":[
				 {"type":"logs","logs":"42\\n"},{"type":"image","image":{"file_id":"file-png"}}]}}]}}""",
				RunStepObject.class);
		ModelRequest request = request("\"auto\"", List.of(ran), "code interpreter: ...", "[{\"type\":\"code_interpreter\"}]")
			.withCodeOutputFiles(List.of(new CodeOutputFile("call_0", "old.csv", "file-old"),
					new CodeOutputFile("call_1", "out.csv", "file-out")));
		assertThat(text(this.model.respond(request).collectList().block()))
			.isEqualTo("The code printed: 42 It displayed 1 image. Files: [out.csv](sandbox:/mnt/data/out.csv)");
	}

	private static RunStepObject search(String id, String results) {
		return JSON.readValue("""
				{"id":"%s","object":"thread.run.step","created_at":1,"assistant_id":"asst_1","thread_id":"thread_1",
				 "run_id":"run_1","type":"tool_calls","status":"completed","step_details":{"type":"tool_calls",
				 "tool_calls":[{"id":"call_%s","type":"file_search","file_search":{"results":%s}}]}}"""
			.formatted(id, id, results), RunStepObject.class);
	}

	private static String text(List<ModelOutput> outputs) {
		StringBuilder text = new StringBuilder();
		outputs.stream().filter(TextDelta.class::isInstance).forEach((delta) -> text.append(((TextDelta) delta).text()));
		return text.toString();
	}

	@Test
	void pausesBeforeEachOutputWhenGivenALatency() {
		DeterministicModel paced = new DeterministicModel(Duration.ofMillis(200));
		StepVerifier.withVirtualTime(() -> paced.respond(request("\"auto\"", List.of(), "Hello")))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(199))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(new TextDelta("You "))
			.expectNoEvent(Duration.ofMillis(199))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(new TextDelta("said: "))
			.thenAwait(Duration.ofMillis(400))
			.expectNext(new TextDelta("Hello"), new Finish(FinishReason.STOP, new TokenUsage(1, 3)))
			.verifyComplete();
		assertThatIllegalArgumentException().isThrownBy(() -> new DeterministicModel(Duration.ofMillis(-1)));
	}

	private List<ModelOutput> answer(String toolChoice, String message) {
		return this.model.respond(request(toolChoice, List.of(), message)).collectList().block();
	}

	private static ModelRequest request(String toolChoice, List<RunStepObject> steps, String message) {
		return request(toolChoice, steps, message, TOOLS);
	}

	private static ModelRequest request(String toolChoice, List<RunStepObject> steps, String message, String tools) {
		RunObject run = JSON.readValue("{\"id\":\"run_1\",\"object\":\"thread.run\",\"created_at\":1,\"thread_id\":\"thread_1\","
				+ "\"assistant_id\":\"asst_1\",\"status\":\"in_progress\",\"model\":\"m\",\"instructions\":\"\","
				+ "\"parallel_tool_calls\":true,\"metadata\":{},\"tool_choice\":" + toolChoice + ",\"tools\":" + tools + "}",
				RunObject.class);
		List<MessageObject> messages = new ArrayList<>();
		messages.add(JSON.readValue("{\"id\":\"msg_1\",\"object\":\"thread.message\",\"created_at\":1,\"thread_id\":\"thread_1\","
				+ "\"status\":\"completed\",\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":{\"value\":"
				+ JSON.writeValueAsString(message) + ",\"annotations\":[]}}],\"metadata\":{}}", MessageObject.class));
		return new ModelRequest(run, null, messages, steps);
	}

}
