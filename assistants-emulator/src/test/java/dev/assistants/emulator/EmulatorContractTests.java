package dev.assistants.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.SpecFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every response the emulator produces, for each of the 23 operations and each stream event,
 * validated against the response schemas of OpenAI's specification, so the emulator cannot drift
 * from the real API's shape. Requests go over plain HTTP, so the client's tolerance hides nothing.
 */
class EmulatorContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AssistantsEmulator emulator = AssistantsEmulator.start().latency(Duration.ofMillis(10));

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<String> problems = new ArrayList<>();

	private final List<String> operationsSeen = new ArrayList<>();

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void everyResponseFollowsTheSpecification() throws Exception {
		JsonNode assistant = call("createAssistant", "POST", "/assistants", """
				{"model":"gpt-4o","name":"Shop","instructions":"Help.","metadata":{"k":"v"},
				 "tools":[{"type":"code_interpreter"},{"type":"function","function":{"name":"order_status",
				   "parameters":{"type":"object","properties":{"order_id":{"type":"string"}}}}}]}""");
		String assistantId = assistant.get("id").stringValue();
		call("getAssistant", "GET", "/assistants/" + assistantId, null);
		call("listAssistants", "GET", "/assistants?limit=1", null);
		call("modifyAssistant", "POST", "/assistants/" + assistantId, "{\"name\":\"Shop 2\"}");

		String threadId = call("createThread", "POST", "/threads",
				"{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"metadata\":{\"a\":\"b\"}}").get("id").stringValue();
		call("getThread", "GET", "/threads/" + threadId, null);
		call("modifyThread", "POST", "/threads/" + threadId, "{\"metadata\":{\"c\":\"d\"}}");
		String messageId = call("createMessage", "POST", "/threads/" + threadId + "/messages",
				"{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi again\"}]}").get("id").stringValue();
		call("getMessage", "GET", "/threads/" + threadId + "/messages/" + messageId, null);
		call("modifyMessage", "POST", "/threads/" + threadId + "/messages/" + messageId, "{\"metadata\":{\"x\":\"y\"}}");

		String runId = call("createRun", "POST", "/threads/" + threadId + "/runs",
				"{\"assistant_id\":\"" + assistantId + "\"}").get("id").stringValue();
		awaitStatus(threadId, runId, "completed");
		call("getRun", "GET", "/threads/" + threadId + "/runs/" + runId, null);
		call("listRuns", "GET", "/threads/" + threadId + "/runs", null);
		call("modifyRun", "POST", "/threads/" + threadId + "/runs/" + runId, "{\"metadata\":{\"r\":\"1\"}}");
		JsonNode steps = call("listRunSteps", "GET", "/threads/" + threadId + "/runs/" + runId + "/steps", null);
		call("getRunStep", "GET", "/threads/" + threadId + "/runs/" + runId + "/steps/"
				+ steps.at("/data/0/id").stringValue(), null);
		call("listMessages", "GET", "/threads/" + threadId + "/messages?order=asc", null);

		JsonNode toolRun = call("createThreadAndRun", "POST", "/threads/runs", "{\"assistant_id\":\"" + assistantId
				+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"order status of 42?\"}]}}");
		String toolThreadId = toolRun.get("thread_id").stringValue();
		String toolRunId = toolRun.get("id").stringValue();
		JsonNode requiresAction = awaitStatus(toolThreadId, toolRunId, "requires_action");
		String callId = requiresAction.at("/required_action/submit_tool_outputs/tool_calls/0/id").stringValue();
		call("submitToolOuputsToRun", "POST", "/threads/" + toolThreadId + "/runs/" + toolRunId + "/submit_tool_outputs",
				"{\"tool_outputs\":[{\"tool_call_id\":\"" + callId + "\",\"output\":\"shipped\"}]}");
		awaitStatus(toolThreadId, toolRunId, "completed");
		call("listRunSteps", "GET", "/threads/" + toolThreadId + "/runs/" + toolRunId + "/steps", null);

		this.emulator.script(ModelTurn.reply("slow").after(Duration.ofSeconds(5)));
		String slowRunId = call("createRun", "POST", "/threads/" + threadId + "/runs",
				"{\"assistant_id\":\"" + assistantId + "\"}").get("id").stringValue();
		call("cancelRun", "POST", "/threads/" + threadId + "/runs/" + slowRunId + "/cancel", null);
		awaitStatus(threadId, slowRunId, "cancelled");

		call("deleteMessage", "DELETE", "/threads/" + threadId + "/messages/" + messageId, null);
		call("deleteThread", "DELETE", "/threads/" + threadId, null);
		call("deleteAssistant", "DELETE", "/assistants/" + assistantId, null);

		assertThat(this.operationsSeen).containsAll(SpecFixtures.OPERATIONS.propertyNames());
		assertThat(this.problems).isEmpty();
	}

	@Test
	void everyStreamEventFollowsTheSpecification() throws Exception {
		String assistantId = call("createAssistant", "POST", "/assistants", """
				{"model":"gpt-4o","tools":[{"type":"function","function":{"name":"order_status",
				 "parameters":{"type":"object","properties":{"order_id":{"type":"string"}}}}}]}""").get("id").stringValue();
		List<String[]> events = stream("/threads/runs", "{\"assistant_id\":\"" + assistantId + "\",\"stream\":true,"
				+ "\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"order status for 7\"}]}}");
		JsonNode requiresAction = JSON.readTree(events.get(events.size() - 2)[1]);
		String path = "/threads/" + requiresAction.get("thread_id").stringValue() + "/runs/"
				+ requiresAction.get("id").stringValue() + "/submit_tool_outputs";
		events.addAll(stream(path, "{\"stream\":true,\"tool_outputs\":[{\"tool_call_id\":\""
				+ requiresAction.at("/required_action/submit_tool_outputs/tool_calls/0/id").stringValue()
				+ "\",\"output\":\"packed\"}]}"));
		List<String> names = events.stream().map((event) -> event[0]).distinct().toList();
		assertThat(names).contains("thread.created", "thread.run.created", "thread.run.queued",
				"thread.run.in_progress", "thread.run.requires_action", "thread.run.step.created",
				"thread.run.step.in_progress", "thread.run.step.delta", "thread.run.step.completed",
				"thread.message.created", "thread.message.in_progress", "thread.message.delta",
				"thread.message.completed", "thread.run.completed", "done");
		for (String[] event : events) {
			if (!event[0].equals("done")) {
				this.problems.addAll(SchemaValidator.problems(JSON.readTree(event[1]), dataSchema(event[0])));
			}
			else {
				assertThat(event[1]).isEqualTo("[DONE]");
			}
		}
		assertThat(this.problems).isEmpty();
	}

	@Test
	void theValidatorCatchesDrift() {
		ObjectNode run = (ObjectNode) JSON.readTree(SpecFixtures.operation("getRun").at("/example/responseBody").toString());
		run.putNull("required_action");
		run.remove("status");
		run.put("pending_outputs", "[]");
		run.put("tool_choice", "sometimes");
		assertThat(SchemaValidator.problems(run, "RunObject")).containsExactlyInAnyOrder(
				"RunObject.status is required but missing", "RunObject.pending_outputs is not declared by the schema",
				"RunObject.tool_choice matches no variant: [RunObject.tool_choice is \"sometimes\", not one of [\"none\",\"auto\",\"required\"]]");
	}

	private static String dataSchema(String event) {
		if (event.equals("thread.created")) {
			return "ThreadObject";
		}
		if (event.equals("thread.run.step.delta")) {
			return "RunStepDeltaObject";
		}
		if (event.equals("thread.message.delta")) {
			return "MessageDeltaObject";
		}
		if (event.startsWith("thread.run.step.")) {
			return "RunStepObject";
		}
		return event.startsWith("thread.message.") ? "MessageObject" : "RunObject";
	}

	private JsonNode call(String operationId, String method, String path, String body) throws Exception {
		HttpResponse<String> response = send(method, path, body);
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
		JsonNode json = JSON.readTree(response.body());
		this.operationsSeen.add(operationId);
		this.problems.addAll(SchemaValidator.problems(json,
				SpecFixtures.operation(operationId).get("responseSchema").stringValue()));
		return json;
	}

	private List<String[]> stream(String path, String body) throws Exception {
		HttpResponse<String> response = send("POST", path, body);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		List<String[]> events = new ArrayList<>();
		for (String frame : response.body().split("\n\n")) {
			String[] lines = frame.split("\n", 2);
			events.add(new String[] { lines[0].substring("event: ".length()), lines[1].substring("data: ".length()) });
		}
		return events;
	}

	private JsonNode awaitStatus(String threadId, String runId, String status) {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(
				send("GET", "/threads/" + threadId + "/runs/" + runId, null).body()),
				(run) -> status.equals(run.path("status").asString()));
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
