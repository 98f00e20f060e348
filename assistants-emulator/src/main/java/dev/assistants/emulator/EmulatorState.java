package dev.assistants.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.client.AssistantsJson;
import dev.assistants.client.model.CreateAssistantRequest;
import dev.assistants.client.model.CreateMessageRequest;
import dev.assistants.client.model.CreateRunRequest;
import dev.assistants.client.model.CreateThreadAndRunRequest;
import dev.assistants.client.model.CreateThreadRequest;
import dev.assistants.client.model.ModifyAssistantRequest;
import dev.assistants.client.model.ModifyMessageRequest;
import dev.assistants.client.model.ModifyRunRequest;
import dev.assistants.client.model.ModifyThreadRequest;
import dev.assistants.client.model.SubmitToolOutputsRunRequest;

/**
 * The emulator's data and the semantics of the 23 operations. Objects are kept as JSON in the
 * specification's shape; requests are read strictly (unknown fields, missing required fields and
 * wrong types are a 400), as the specification's request schemas forbid additional properties.
 * All methods are synchronized: the emulator favours simplicity over throughput.
 */
final class EmulatorState {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Set<String> ACTIVE = Set.of("queued", "in_progress", "requires_action", "cancelling");

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private final JsonMapper strict = AssistantsJson.createMapper()
		.rebuild()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.addHandler(new DeserializationProblemHandler() {

			// a union variant's "type" selects the variant: it is known even though no field holds it
			@Override
			public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
					ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
				if ("type".equals(propertyName)) {
					parser.skipChildren();
					return true;
				}
				return false;
			}

		})
		.build();

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final DefaultModel model = new DefaultModel();

	private final Deque<ModelTurn> script = new ArrayDeque<>();

	private final Map<String, ObjectNode> assistants = new LinkedHashMap<>();

	private final Map<String, ObjectNode> threads = new LinkedHashMap<>();

	private final Map<String, List<ObjectNode>> messages = new HashMap<>();

	private final Map<String, List<ObjectNode>> runs = new HashMap<>();

	private final Map<String, List<ObjectNode>> steps = new HashMap<>();

	EmulatorState(Clock clock) {
		this.clock = clock;
	}

	// Scripting

	synchronized void script(ModelTurn turn) {
		this.script.add(turn);
	}

	synchronized void reset() {
		this.script.clear();
		this.assistants.clear();
		this.threads.clear();
		this.messages.clear();
		this.runs.clear();
		this.steps.clear();
	}

	// Assistants

	synchronized ObjectNode createAssistant(String body) {
		read(body, CreateAssistantRequest.class);
		ObjectNode request = tree(body);
		ObjectNode assistant = object("asst_", "assistant");
		assistant.set("name", request.get("name"));
		assistant.set("description", request.get("description"));
		assistant.set("model", request.get("model"));
		assistant.set("instructions", request.get("instructions"));
		assistant.set("tools", orDefault(request.get("tools"), NODES.arrayNode()));
		assistant.set("tool_resources", orDefault(request.get("tool_resources"), NODES.objectNode()));
		assistant.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
		assistant.set("temperature", orDefault(request.get("temperature"), NODES.numberNode(1.0)));
		assistant.set("top_p", orDefault(request.get("top_p"), NODES.numberNode(1.0)));
		assistant.set("response_format", orDefault(request.get("response_format"), NODES.stringNode("auto")));
		this.assistants.put(id(assistant), assistant);
		return assistant.deepCopy();
	}

	synchronized ObjectNode getAssistant(String assistantId) {
		return assistant(assistantId).deepCopy();
	}

	synchronized ObjectNode listAssistants(Map<String, String> query) {
		return page(new ArrayList<>(this.assistants.values()), query);
	}

	synchronized ObjectNode modifyAssistant(String assistantId, String body) {
		read(body, ModifyAssistantRequest.class);
		ObjectNode assistant = assistant(assistantId);
		ObjectNode request = tree(body);
		request.remove("reasoning_effort");
		assistant.setAll(request);
		return assistant.deepCopy();
	}

	synchronized ObjectNode deleteAssistant(String assistantId) {
		assistant(assistantId);
		this.assistants.remove(assistantId);
		return deleted(assistantId, "assistant.deleted");
	}

	// Threads

	synchronized ObjectNode createThread(String body) {
		read(body.isBlank() ? "{}" : body, CreateThreadRequest.class);
		return createThread(tree(body.isBlank() ? "{}" : body)).deepCopy();
	}

	private ObjectNode createThread(ObjectNode request) {
		ObjectNode thread = object("thread_", "thread");
		thread.set("tool_resources", orDefault(request.get("tool_resources"), NODES.objectNode()));
		thread.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
		String threadId = id(thread);
		this.threads.put(threadId, thread);
		this.messages.put(threadId, new ArrayList<>());
		this.runs.put(threadId, new ArrayList<>());
		for (JsonNode message : request.path("messages")) {
			addMessage(threadId, (ObjectNode) message);
		}
		return thread;
	}

	synchronized ObjectNode getThread(String threadId) {
		return thread(threadId).deepCopy();
	}

	synchronized ObjectNode modifyThread(String threadId, String body) {
		read(body, ModifyThreadRequest.class);
		ObjectNode thread = thread(threadId);
		thread.setAll(tree(body));
		return thread.deepCopy();
	}

	synchronized ObjectNode deleteThread(String threadId) {
		thread(threadId);
		this.threads.remove(threadId);
		this.messages.remove(threadId);
		this.runs.remove(threadId).forEach((run) -> this.steps.remove(id(run)));
		return deleted(threadId, "thread.deleted");
	}

	// Messages

	synchronized ObjectNode createMessage(String threadId, String body) {
		read(body, CreateMessageRequest.class);
		thread(threadId);
		ObjectNode active = activeRun(threadId);
		if (active != null) {
			throw EmulatorException.invalid("Can't add messages to " + threadId + " while a run " + id(active)
					+ " is active.", null);
		}
		return addMessage(threadId, tree(body)).deepCopy();
	}

	private ObjectNode addMessage(String threadId, ObjectNode request) {
		ObjectNode message = message(threadId, request.path("role").asString(), "completed", null, null);
		JsonNode content = request.get("content");
		ArrayNode parts = NODES.arrayNode();
		if (content != null && content.isString()) {
			parts.add(textPart(content.stringValue()));
		}
		else if (content != null) {
			for (JsonNode part : content) {
				parts.add("text".equals(part.path("type").asString()) ? textPart(part.path("text").asString())
						: part.deepCopy());
			}
		}
		message.set("content", parts);
		message.set("attachments", orDefault(request.get("attachments"), NODES.arrayNode()));
		message.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
		this.messages.get(threadId).add(message);
		return message;
	}

	private ObjectNode message(String threadId, String role, String status, @Nullable String assistantId,
			@Nullable String runId) {
		if (!Set.of("user", "assistant").contains(role)) {
			throw EmulatorException.invalid("Invalid value for 'role': '" + role + "'.", "role");
		}
		ObjectNode message = object("msg_", "thread.message");
		message.put("thread_id", threadId);
		message.put("status", status);
		message.putNull("incomplete_details");
		message.put("completed_at", "completed".equals(status) ? now() : null);
		message.putNull("incomplete_at");
		message.put("role", role);
		message.set("content", NODES.arrayNode());
		message.put("assistant_id", assistantId);
		message.put("run_id", runId);
		message.set("attachments", NODES.arrayNode());
		message.set("metadata", NODES.objectNode());
		return message;
	}

	synchronized ObjectNode getMessage(String threadId, String messageId) {
		return find(messages(threadId), messageId, "message").deepCopy();
	}

	synchronized ObjectNode listMessages(String threadId, Map<String, String> query) {
		List<ObjectNode> all = messages(threadId);
		String runId = query.get("run_id");
		return page((runId != null) ? all.stream().filter((m) -> runId.equals(m.path("run_id").asString(null))).toList()
				: all, query);
	}

	synchronized ObjectNode modifyMessage(String threadId, String messageId, String body) {
		read(body, ModifyMessageRequest.class);
		ObjectNode message = find(messages(threadId), messageId, "message");
		message.setAll(tree(body));
		return message.deepCopy();
	}

	synchronized ObjectNode deleteMessage(String threadId, String messageId) {
		List<ObjectNode> messages = messages(threadId);
		messages.remove(find(messages, messageId, "message"));
		return deleted(messageId, "thread.message.deleted");
	}

	// Runs

	synchronized List<Event> createRun(String threadId, String body) {
		read(body, CreateRunRequest.class);
		thread(threadId);
		ObjectNode request = tree(body);
		ObjectNode active = activeRun(threadId);
		if (active != null) {
			throw EmulatorException.invalid("Thread " + threadId + " already has an active run " + id(active) + ".",
					null);
		}
		for (JsonNode message : request.path("additional_messages")) {
			addMessage(threadId, (ObjectNode) message);
		}
		return created(newRun(threadId, request));
	}

	synchronized List<Event> createThreadAndRun(String body) {
		read(body, CreateThreadAndRunRequest.class);
		ObjectNode request = tree(body);
		ObjectNode thread = createThread(request.has("thread") ? (ObjectNode) request.get("thread") : NODES.objectNode());
		List<Event> events = new ArrayList<>();
		events.add(new Event("thread.created", thread.deepCopy()));
		events.addAll(created(newRun(id(thread), request)));
		return events;
	}

	private ObjectNode newRun(String threadId, ObjectNode request) {
		ObjectNode assistant = assistant(request.path("assistant_id").asString());
		ObjectNode run = object("run_", "thread.run");
		run.put("thread_id", threadId);
		run.put("assistant_id", id(assistant));
		run.put("status", "queued");
		run.putNull("required_action");
		run.putNull("last_error");
		run.put("expires_at", now() + 600);
		run.putNull("started_at");
		run.putNull("cancelled_at");
		run.putNull("failed_at");
		run.putNull("completed_at");
		run.putNull("incomplete_details");
		run.set("model", orDefault(request.get("model"), assistant.get("model")));
		run.set("instructions", orDefault(request.get("instructions"),
				orDefault(assistant.get("instructions"), NODES.stringNode(""))));
		run.set("tools", orDefault(request.get("tools"), assistant.get("tools")));
		run.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
		run.putNull("usage");
		run.set("temperature", orDefault(request.get("temperature"), assistant.get("temperature")));
		run.set("top_p", orDefault(request.get("top_p"), assistant.get("top_p")));
		run.set("max_prompt_tokens", orDefault(request.get("max_prompt_tokens"), NODES.nullNode()));
		run.set("max_completion_tokens", orDefault(request.get("max_completion_tokens"), NODES.nullNode()));
		run.set("truncation_strategy", orDefault(request.get("truncation_strategy"),
				NODES.objectNode().put("type", "auto").putNull("last_messages")));
		run.set("tool_choice", orDefault(request.get("tool_choice"), NODES.stringNode("auto")));
		run.set("parallel_tool_calls", orDefault(request.get("parallel_tool_calls"), NODES.booleanNode(true)));
		run.set("response_format", orDefault(request.get("response_format"), assistant.get("response_format")));
		this.runs.get(threadId).add(run);
		this.steps.put(id(run), new ArrayList<>());
		return run;
	}

	private List<Event> created(ObjectNode run) {
		return List.of(new Event("thread.run.created", run.deepCopy()), new Event("thread.run.queued", run.deepCopy()));
	}

	synchronized ObjectNode getRun(String threadId, String runId) {
		return run(threadId, runId).deepCopy();
	}

	synchronized ObjectNode listRuns(String threadId, Map<String, String> query) {
		return page(runs(threadId), query);
	}

	synchronized ObjectNode modifyRun(String threadId, String runId, String body) {
		read(body, ModifyRunRequest.class);
		ObjectNode run = run(threadId, runId);
		run.setAll(tree(body));
		return run.deepCopy();
	}

	synchronized ObjectNode cancelRun(String threadId, String runId) {
		ObjectNode run = run(threadId, runId);
		if (!Set.of("queued", "in_progress", "requires_action").contains(run.path("status").asString())) {
			throw EmulatorException.invalid("Cannot cancel run with status '" + run.path("status").asString() + "'.",
					null);
		}
		run.put("status", "cancelling");
		return run.deepCopy();
	}

	/** A cancelling run becomes cancelled, as a server does a moment after the request. */
	synchronized List<Event> finishCancelling(String threadId, String runId) {
		ObjectNode run = run(threadId, runId);
		if (!"cancelling".equals(run.path("status").asString())) {
			return List.of();
		}
		run.put("status", "cancelled");
		run.put("cancelled_at", now());
		run.putNull("required_action");
		return List.of(new Event("thread.run.cancelled", run.deepCopy()));
	}

	synchronized List<Event> submitToolOutputs(String threadId, String runId, String body) {
		read(body, SubmitToolOutputsRunRequest.class);
		ObjectNode run = run(threadId, runId);
		if (!"requires_action".equals(run.path("status").asString())) {
			throw EmulatorException.invalid("Runs in status \"" + run.path("status").asString()
					+ "\" do not accept tool outputs.", null);
		}
		Map<String, String> outputs = new LinkedHashMap<>();
		for (JsonNode output : tree(body).path("tool_outputs")) {
			outputs.put(output.path("tool_call_id").asString(""), output.path("output").asString(""));
		}
		List<Event> events = new ArrayList<>();
		for (JsonNode call : run.at("/required_action/submit_tool_outputs/tool_calls")) {
			if (!outputs.containsKey(call.path("id").asString())) {
				throw EmulatorException.invalid("Expected tool outputs for call_ids " + outputs.keySet()
						+ ", got tool call " + call.path("id").asString() + " missing.", "tool_outputs");
			}
		}
		ObjectNode step = lastStep(runId);
		for (JsonNode call : step.at("/step_details/tool_calls")) {
			((ObjectNode) call.path("function")).put("output", outputs.get(call.path("id").asString()));
		}
		step.put("status", "completed");
		step.put("completed_at", now());
		events.add(new Event("thread.run.step.completed", step.deepCopy()));
		run.putNull("required_action");
		run.put("status", "queued");
		run.set("pending_outputs", this.strict.valueToTree(List.copyOf(outputs.values())));
		events.add(new Event("thread.run.queued", publicView(run)));
		return events;
	}

	/** The run starts: {@code queued} to {@code in_progress}. */
	synchronized List<Event> startRun(String threadId, String runId) {
		ObjectNode run = run(threadId, runId);
		if (!"queued".equals(run.path("status").asString())) {
			return List.of();
		}
		run.put("status", "in_progress");
		if (run.get("started_at").isNull()) {
			run.put("started_at", now());
		}
		return List.of(new Event("thread.run.in_progress", publicView(run)));
	}

	/** The turn the model takes next for a run, scripted or by default. */
	synchronized ModelTurn nextTurn(String threadId, String runId) {
		ModelTurn scripted = this.script.poll();
		if (scripted != null) {
			return scripted;
		}
		ObjectNode run = run(threadId, runId);
		List<String> outputs = new ArrayList<>();
		run.path("pending_outputs").forEach((output) -> outputs.add(output.asString()));
		String lastUserMessage = messages(threadId).stream()
			.filter((message) -> "user".equals(message.path("role").asString()))
			.reduce((first, second) -> second)
			.map((message) -> message.at("/content/0/text/value").asString(""))
			.orElse("");
		return this.model.next(run.path("tools"), lastUserMessage, outputs);
	}

	/** The model's turn: a reply, function calls, or a failure, with the events it causes. */
	synchronized List<Event> takeTurn(String threadId, String runId, ModelTurn turn) {
		ObjectNode run = run(threadId, runId);
		if (!"in_progress".equals(run.path("status").asString())) {
			return List.of();
		}
		run.remove("pending_outputs");
		if (ModelTurn.EXPIRED.equals(turn.errorCode())) {
			run.put("status", "expired");
			run.put("expires_at", now());
			return List.of(new Event("thread.run.expired", run.deepCopy()));
		}
		if (turn.errorCode() != null) {
			run.put("status", "failed");
			run.put("failed_at", now());
			run.set("last_error", NODES.objectNode().put("code", turn.errorCode()).put("message", turn.errorMessage()));
			return List.of(new Event("thread.run.failed", run.deepCopy()));
		}
		return (turn.reply() != null) ? reply(run, turn.reply()) : callFunctions(run, turn.functionCalls());
	}

	private List<Event> reply(ObjectNode run, String text) {
		String threadId = run.path("thread_id").asString();
		List<Event> events = new ArrayList<>();
		ObjectNode message = message(threadId, "assistant", "in_progress", run.path("assistant_id").asString(),
				id(run));
		this.messages.get(threadId).add(message);
		ObjectNode step = step(run, "message_creation",
				NODES.objectNode().set("message_creation", NODES.objectNode().put("message_id", id(message))));
		events.add(new Event("thread.run.step.created", step.deepCopy()));
		events.add(new Event("thread.run.step.in_progress", step.deepCopy()));
		events.add(new Event("thread.message.created", message.deepCopy()));
		events.add(new Event("thread.message.in_progress", message.deepCopy()));
		for (String piece : text.split("(?<= )")) {
			ObjectNode delta = NODES.objectNode().put("id", id(message)).put("object", "thread.message.delta");
			delta.putObject("delta")
				.putArray("content")
				.addObject()
				.put("index", 0)
				.put("type", "text")
				.putObject("text")
				.put("value", piece);
			events.add(new Event("thread.message.delta", delta));
		}
		message.set("content", NODES.arrayNode().add(textPart(text)));
		message.put("status", "completed");
		message.put("completed_at", now());
		events.add(new Event("thread.message.completed", message.deepCopy()));
		ObjectNode usage = usage(run, text);
		step.put("status", "completed");
		step.put("completed_at", now());
		step.set("usage", usage);
		events.add(new Event("thread.run.step.completed", step.deepCopy()));
		run.put("status", "completed");
		run.put("completed_at", now());
		run.set("usage", usage);
		events.add(new Event("thread.run.completed", run.deepCopy()));
		return events;
	}

	private List<Event> callFunctions(ObjectNode run, List<ModelTurn.FunctionCall> calls) {
		List<Event> events = new ArrayList<>();
		ArrayNode stepCalls = NODES.arrayNode();
		ArrayNode requiredCalls = NODES.arrayNode();
		ObjectNode step = step(run, "tool_calls", NODES.objectNode().set("tool_calls", stepCalls));
		events.add(new Event("thread.run.step.created", step.deepCopy()));
		events.add(new Event("thread.run.step.in_progress", step.deepCopy()));
		for (int i = 0; i < calls.size(); i++) {
			ModelTurn.FunctionCall call = calls.get(i);
			String callId = randomId("call_");
			ObjectNode function = NODES.objectNode().put("name", call.name()).put("arguments", call.arguments());
			stepCalls.addObject().put("id", callId).put("type", "function").set("function",
					function.deepCopy().putNull("output"));
			requiredCalls.addObject().put("id", callId).put("type", "function").set("function", function);
			ObjectNode delta = NODES.objectNode().put("id", id(step)).put("object", "thread.run.step.delta");
			delta.putObject("delta")
				.putObject("step_details")
				.put("type", "tool_calls")
				.putArray("tool_calls")
				.addObject()
				.put("index", i)
				.put("id", callId)
				.put("type", "function")
				.set("function", function.deepCopy().putNull("output"));
			events.add(new Event("thread.run.step.delta", delta));
		}
		run.put("status", "requires_action");
		run.set("required_action", NODES.objectNode()
			.put("type", "submit_tool_outputs")
			.set("submit_tool_outputs", NODES.objectNode().set("tool_calls", requiredCalls)));
		events.add(new Event("thread.run.requires_action", run.deepCopy()));
		return events;
	}

	private ObjectNode step(ObjectNode run, String type, ObjectNode details) {
		ObjectNode step = object("step_", "thread.run.step");
		step.put("assistant_id", run.path("assistant_id").asString());
		step.put("thread_id", run.path("thread_id").asString());
		step.put("run_id", id(run));
		step.put("type", type);
		step.put("status", "in_progress");
		details.put("type", type);
		step.set("step_details", details);
		step.putNull("last_error");
		step.putNull("expired_at");
		step.putNull("cancelled_at");
		step.putNull("failed_at");
		step.putNull("completed_at");
		step.set("metadata", NODES.objectNode());
		step.putNull("usage");
		this.steps.get(id(run)).add(step);
		return step;
	}

	private ObjectNode usage(ObjectNode run, String reply) {
		int prompt = messages(run.path("thread_id").asString()).stream()
			.mapToInt((message) -> message.at("/content/0/text/value").asString("").split("\\s+").length)
			.sum();
		int completion = reply.split("\\s+").length;
		return NODES.objectNode()
			.put("completion_tokens", completion)
			.put("prompt_tokens", prompt)
			.put("total_tokens", prompt + completion);
	}

	// Run steps

	synchronized ObjectNode getRunStep(String threadId, String runId, String stepId) {
		run(threadId, runId);
		return find(this.steps.get(runId), stepId, "run step").deepCopy();
	}

	synchronized ObjectNode listRunSteps(String threadId, String runId, Map<String, String> query) {
		run(threadId, runId);
		return page(this.steps.get(runId), query);
	}

	private ObjectNode lastStep(String runId) {
		List<ObjectNode> runSteps = this.steps.get(runId);
		return runSteps.get(runSteps.size() - 1);
	}

	// Lookups and helpers

	private ObjectNode assistant(String assistantId) {
		ObjectNode assistant = this.assistants.get(assistantId);
		if (assistant == null) {
			throw EmulatorException.notFound("assistant", assistantId);
		}
		return assistant;
	}

	private ObjectNode thread(String threadId) {
		ObjectNode thread = this.threads.get(threadId);
		if (thread == null) {
			throw EmulatorException.notFound("thread", threadId);
		}
		return thread;
	}

	private List<ObjectNode> messages(String threadId) {
		thread(threadId);
		return this.messages.get(threadId);
	}

	private List<ObjectNode> runs(String threadId) {
		thread(threadId);
		return this.runs.get(threadId);
	}

	private ObjectNode run(String threadId, String runId) {
		return find(runs(threadId), runId, "run");
	}

	private @Nullable ObjectNode activeRun(String threadId) {
		return runs(threadId).stream()
			.filter((run) -> ACTIVE.contains(run.path("status").asString()))
			.findFirst()
			.orElse(null);
	}

	private static ObjectNode find(List<ObjectNode> objects, String id, String kind) {
		return objects.stream()
			.filter((object) -> id.equals(id(object)))
			.findFirst()
			.orElseThrow(() -> EmulatorException.notFound(kind, id));
	}

	/** The page {@code limit}, {@code order}, {@code after} and {@code before} select. */
	private static ObjectNode page(List<ObjectNode> objects, Map<String, String> query) {
		int limit = limit(query.get("limit"));
		String order = query.getOrDefault("order", "desc");
		if (!order.equals("asc") && !order.equals("desc")) {
			throw EmulatorException.invalid("Invalid value for 'order': '" + order + "'.", "order");
		}
		List<ObjectNode> ordered = new ArrayList<>(objects);
		if (order.equals("desc")) {
			java.util.Collections.reverse(ordered);
		}
		int from = position(ordered, query.get("after"), "after") + 1;
		int to = (query.get("before") != null) ? position(ordered, query.get("before"), "before") : ordered.size();
		List<ObjectNode> selected = (from < to) ? ordered.subList(from, to) : List.of();
		List<ObjectNode> page = selected.subList(0, Math.min(limit, selected.size()));
		ObjectNode list = NODES.objectNode().put("object", "list");
		ArrayNode data = list.putArray("data");
		page.forEach((object) -> data.add(publicView(object)));
		list.put("first_id", page.isEmpty() ? null : id(page.get(0)));
		list.put("last_id", page.isEmpty() ? null : id(page.get(page.size() - 1)));
		list.put("has_more", selected.size() > page.size());
		return list;
	}

	private static int limit(@Nullable String limit) {
		try {
			int value = (limit != null) ? Integer.parseInt(limit) : 20;
			if (value >= 1 && value <= 100) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw EmulatorException.invalid("Invalid 'limit': must be an integer between 1 and 100.", "limit");
	}

	private static int position(List<ObjectNode> objects, @Nullable String id, String param) {
		if (id == null) {
			return -1;
		}
		for (int i = 0; i < objects.size(); i++) {
			if (id.equals(id(objects.get(i)))) {
				return i;
			}
		}
		throw EmulatorException.invalid("Invalid '" + param + "': no object with id '" + id + "'.", param);
	}

	/** An object as clients see it, without the emulator's own bookkeeping. */
	static ObjectNode publicView(ObjectNode object) {
		ObjectNode copy = object.deepCopy();
		copy.remove("pending_outputs");
		return copy;
	}

	private <T> T read(String body, Class<T> type) {
		try {
			T request = this.strict.readValue(body, type);
			String unknown = UnknownValues.find(request, "");
			if (unknown != null) {
				throw EmulatorException.invalid("Invalid value at '" + unknown + "': not one the API accepts.", unknown);
			}
			return request;
		}
		catch (JacksonException ex) {
			throw EmulatorException.invalid("Invalid request body: " + ex.getOriginalMessage(), null);
		}
		catch (IllegalArgumentException ex) {
			String message = (ex.getMessage() != null) ? ex.getMessage() : "Invalid request body";
			throw EmulatorException.invalid(message, message.split(" ")[0]);
		}
	}

	private ObjectNode tree(String body) {
		return (ObjectNode) this.strict.readTree(body);
	}

	private ObjectNode object(String prefix, String type) {
		ObjectNode object = NODES.objectNode();
		object.put("id", randomId(prefix));
		object.put("object", type);
		object.put("created_at", now());
		return object;
	}

	private static ObjectNode deleted(String id, String type) {
		return NODES.objectNode().put("id", id).put("object", type).put("deleted", true);
	}

	private static ObjectNode textPart(String text) {
		ObjectNode part = NODES.objectNode().put("type", "text");
		part.putObject("text").put("value", text).putArray("annotations");
		return part;
	}

	private static JsonNode orDefault(@Nullable JsonNode value, JsonNode fallback) {
		return (value == null || value.isNull()) ? fallback : value;
	}

	private String randomId(String prefix) {
		StringBuilder id = new StringBuilder(prefix);
		for (int i = 0; i < 24; i++) {
			id.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return id.toString();
	}

	private long now() {
		return this.clock.millis() / 1000;
	}

	private static String id(JsonNode object) {
		return object.path("id").asString();
	}

	/**
	 * An event of a run, with the object as it was at that moment.
	 */
	record Event(String name, JsonNode data) {
	}

}
