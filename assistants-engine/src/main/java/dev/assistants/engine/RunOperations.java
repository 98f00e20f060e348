package dev.assistants.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.CreateThreadAndRunRequest;
import dev.assistants.api.ModifyRunRequest;
import dev.assistants.api.RunStatus;
import dev.assistants.api.SubmitToolOutputsRunRequest;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;

import static dev.assistants.engine.ApiObjects.NODES;
import static dev.assistants.engine.ApiObjects.orDefault;

/**
 * The run and run step operations. Starting a run and submitting tool outputs answer with a
 * {@link RunStart}: the caller then executes the run.
 */
final class RunOperations {

	/** The statuses of a run that can be cancelled: those it has not stopped in, but {@code cancelling}. */
	private static final List<String> CANCELLABLE = StoreTransaction.ACTIVE_RUN_STATUSES.stream()
		.filter((status) -> !RunStatus.CANCELLING.value().equals(status))
		.toList();

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final RequestReader reader;

	private final ThreadOperations threads;

	private final Duration expiry;

	private final @Nullable Set<String> toolTypes;

	/** A run to execute is leased to this engine in the transaction that queues it. */
	private final RunLeases leases;

	/**
	 * @param expiry how long after its creation a run expires
	 * @param toolTypes the types of tool runs may use, or {@code null} for any
	 */
	RunOperations(AssistantsStore store, ApiObjects objects, RequestReader reader, ThreadOperations threads,
			Duration expiry, @Nullable Set<String> toolTypes, RunLeases leases) {
		this.store = store;
		this.objects = objects;
		this.reader = reader;
		this.threads = threads;
		this.expiry = expiry;
		this.toolTypes = toolTypes;
		this.leases = leases;
	}

	RunStart create(String project, String threadId, String body) {
		ObjectNode request = this.reader.read(body, CreateRunRequest.class);
		return this.store.inTransaction((tx) -> {
			ObjectNode thread = Lookups.lockedThread(tx, project, threadId);
			tx.activeRun(project, threadId).ifPresent((active) -> {
				throw ApiException.invalid(
						"Thread " + threadId + " already has an active run " + ApiObjects.id(active) + ".", null);
			});
			ObjectNode assistant = Lookups.assistant(tx, project, request.path("assistant_id").asString());
			for (JsonNode message : request.path("additional_messages")) {
				this.threads.insertMessage(tx, project, thread, (ObjectNode) message);
			}
			return started(project, insertRun(tx, project, threadId, assistant, request), List.of(), request);
		});
	}

	RunStart createThreadAndRun(String project, String body) {
		ObjectNode request = this.reader.read(body, CreateThreadAndRunRequest.class);
		return this.store.inTransaction((tx) -> {
			ObjectNode assistant = Lookups.assistant(tx, project, request.path("assistant_id").asString());
			ObjectNode threadRequest = request.has("thread") ? (ObjectNode) request.get("thread") : NODES.objectNode();
			if (!threadRequest.hasNonNull("tool_resources") && request.hasNonNull("tool_resources")) {
				threadRequest.set("tool_resources", request.get("tool_resources"));
			}
			ObjectNode thread = this.threads.insertThread(tx, project, threadRequest);
			ObjectNode run = insertRun(tx, project, ApiObjects.id(thread), assistant, request);
			return started(project, run, List.of(RunEvent.of("thread.created", thread)), request);
		});
	}

	private ObjectNode insertRun(StoreTransaction tx, String project, String threadId, ObjectNode assistant,
			ObjectNode request) {
		ObjectNode run = this.objects.create("run_", "thread.run");
		run.put("thread_id", threadId);
		run.put("assistant_id", ApiObjects.id(assistant));
		run.put("status", "queued");
		run.putNull("required_action");
		run.putNull("last_error");
		run.put("expires_at", this.objects.now() + this.expiry.toSeconds());
		run.putNull("started_at");
		run.putNull("cancelled_at");
		run.putNull("failed_at");
		run.putNull("completed_at");
		run.putNull("incomplete_details");
		run.set("model", orDefault(request.get("model"), assistant.get("model")));
		run.put("instructions", instructions(request, assistant));
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
		run.set("response_format", orDefault(request.get("response_format"),
				orDefault(assistant.get("response_format"), NODES.stringNode("auto"))));
		run.set(AssistantOperations.REASONING_EFFORT, orDefault(request.get("reasoning_effort"),
				orDefault(assistant.get(AssistantOperations.REASONING_EFFORT), NODES.nullNode())));
		checkTools(run);
		checkToolChoice(run);
		tx.insert(ObjectKind.RUN, project, run);
		tx.leaseRun(ApiObjects.id(run), this.leases.owner(), this.leases.duration());
		return run;
	}

	/** The run's instructions, else the assistant's, with the additional instructions after them. */
	private static String instructions(ObjectNode request, ObjectNode assistant) {
		String instructions = orDefault(request.get("instructions"), orDefault(assistant.get("instructions"),
				NODES.stringNode(""))).asString();
		String additional = request.path("additional_instructions").asString("");
		if (additional.isEmpty()) {
			return instructions;
		}
		return instructions.isEmpty() ? additional : instructions + "\n\n" + additional;
	}

	/** Every tool of a run, its own or its assistant's, must be one the server can run. */
	private void checkTools(ObjectNode run) {
		if (this.toolTypes == null) {
			return;
		}
		for (JsonNode tool : run.path("tools")) {
			String type = tool.path("type").asString();
			if (!this.toolTypes.contains(type)) {
				String install = "code_interpreter".equals(type) ? "it has no code executor. Install bubblewrap and "
						+ "Jupyter's Python kernel on its host (Debian: bubblewrap python3-ipykernel python3-jupyter-client) "
						+ "or give it a Jupyter Server to run kernels on, or " : "";
				throw ApiException.invalid("This server cannot run '" + type + "' tools: " + install
						+ "remove them from the run's tools or its assistant's.", "tools");
			}
		}
	}

	/** A {@code tool_choice} that names a function must name one of the run's tools. */
	private static void checkToolChoice(ObjectNode run) {
		JsonNode choice = run.get("tool_choice");
		if (!choice.isObject()) {
			return;
		}
		String type = choice.path("type").asString();
		String name = choice.path("function").path("name").asString(null);
		for (JsonNode tool : run.path("tools")) {
			if (type.equals(tool.path("type").asString())
					&& (name == null || name.equals(tool.path("function").path("name").asString(null)))) {
				return;
			}
		}
		String chosen = (name != null) ? "function '" + name + "'" : "tool '" + type + "'";
		throw ApiException.invalid("Invalid 'tool_choice': the " + chosen + " is not one of the run's tools.",
				"tool_choice", "invalid_value");
	}

	private RunStart started(String project, ObjectNode run, List<RunEvent> before, ObjectNode request) {
		List<RunEvent> events = new ArrayList<>(before);
		events.add(RunEvent.of("thread.run.created", run));
		events.add(RunEvent.of("thread.run.queued", run));
		return new RunStart(RunRef.of(project, run), ApiObjects.publicView(run), events, streamed(request));
	}

	private static boolean streamed(ObjectNode request) {
		return request.path("stream").asBoolean(false);
	}

	ObjectNode get(String project, String threadId, String runId) {
		return ApiObjects.publicView(this.store.read((tx) -> Lookups.run(tx, project, threadId, runId)));
	}

	ObjectNode list(String project, String threadId, Map<String, String> query) {
		return this.store.read(
				(tx) -> Lookups.pageOfThread(tx, ObjectKind.RUN, project, threadId, Scope.thread(threadId), query));
	}

	/**
	 * The project's runs across its threads, newest first unless {@code order=asc}, a page at a time,
	 * those of the query's {@code status} if it has one: what a console's overview shows.
	 */
	ObjectNode listAll(String project, Map<String, String> query) {
		String status = query.get("status");
		return this.store.read((tx) -> Lists.page(tx, ObjectKind.RUN, project, Scope.all(), query, Lists.LIMITS,
				(run) -> status == null || status.equals(ApiObjects.status(run))));
	}

	ObjectNode modify(String project, String threadId, String runId, String body) {
		ObjectNode request = this.reader.read(body, ModifyRunRequest.class);
		return ApiObjects.publicView(this.store.inTransaction((tx) -> {
			ObjectNode run = Lookups.lockedRun(tx, project, threadId, runId);
			run.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
			tx.update(ObjectKind.RUN, project, run);
			return run;
		}));
	}

	/** The run becomes {@code cancelling}; the caller then stops it. */
	ObjectNode cancel(String project, String threadId, String runId) {
		return ApiObjects.publicView(this.store.inTransaction((tx) -> {
			ObjectNode run = Lookups.lockedRun(tx, project, threadId, runId);
			String status = ApiObjects.status(run);
			if (!CANCELLABLE.contains(status)) {
				throw ApiException.invalid("Cannot cancel run with status '" + status + "'.", null);
			}
			run.put("status", "cancelling");
			tx.update(ObjectKind.RUN, project, run);
			return run;
		}));
	}

	RunStart submitToolOutputs(String project, String threadId, String runId, String body) {
		ObjectNode request = this.reader.read(body, SubmitToolOutputsRunRequest.class);
		Map<String, String> outputs = new LinkedHashMap<>();
		for (JsonNode output : request.path("tool_outputs")) {
			outputs.put(output.path("tool_call_id").asString(""), output.path("output").asString(""));
		}
		return this.store.inTransaction((tx) -> {
			ObjectNode run = Lookups.lockedRun(tx, project, threadId, runId);
			if (!"requires_action".equals(ApiObjects.status(run))) {
				throw ApiException.invalid("Runs in status \"" + ApiObjects.status(run)
						+ "\" do not accept tool outputs.", null);
			}
			List<String> expected = new ArrayList<>();
			run.at("/required_action/submit_tool_outputs/tool_calls")
				.forEach((call) -> expected.add(ApiObjects.id(call)));
			List<String> missing = expected.stream().filter((id) -> !outputs.containsKey(id)).toList();
			if (!missing.isEmpty()) {
				throw ApiException.invalid("Expected tool outputs for call_ids " + expected + ", got "
						+ List.copyOf(outputs.keySet()) + ": missing " + missing + ".", "tool_outputs");
			}
			List<String> unknown = outputs.keySet().stream().filter((id) -> !expected.contains(id)).toList();
			if (!unknown.isEmpty()) {
				throw ApiException.invalid("Expected tool outputs for call_ids " + expected + ", got "
						+ List.copyOf(outputs.keySet()) + ": no tool call " + unknown + ".", "tool_outputs");
			}
			ObjectNode step = tx.list(ObjectKind.RUN_STEP, project, Scope.run(threadId, runId))
				.stream()
				.filter((candidate) -> "tool_calls".equals(candidate.path("type").asString())
						&& "in_progress".equals(ApiObjects.status(candidate)))
				.reduce((first, second) -> second)
				.orElseThrow(() -> new IllegalStateException("Run " + runId + " requires action but has no step in progress"));
			for (JsonNode call : step.at("/step_details/tool_calls")) {
				if (!"function".equals(call.path("type").asString())) {
					continue;
				}
				((ObjectNode) call.path("function")).put("output", outputs.get(ApiObjects.id(call)));
			}
			step.put("status", "completed");
			step.put("completed_at", this.objects.now());
			RunLifecycle.showUsage(step);
			tx.update(ObjectKind.RUN_STEP, project, step);
			run.putNull("required_action");
			run.put("status", "queued");
			tx.update(ObjectKind.RUN, project, run);
			tx.leaseRun(runId, this.leases.owner(), this.leases.duration());
			return new RunStart(RunRef.of(project, run), ApiObjects.publicView(run),
					List.of(RunEvent.of("thread.run.step.completed", step), RunEvent.of("thread.run.queued", run)),
					streamed(request));
		});
	}

	ObjectNode getStep(String project, String threadId, String runId, String stepId, boolean resultContents) {
		return stepView(this.store.read((tx) -> Lookups.step(tx, project, threadId, runId, stepId)),
				resultContents);
	}

	ObjectNode listSteps(String project, String threadId, String runId, Map<String, String> query,
			boolean resultContents) {
		return this.store.read((tx) -> {
			Lookups.run(tx, project, threadId, runId);
			return Lists.page(tx, ObjectKind.RUN_STEP, project, Scope.run(threadId, runId), query, Lists.LIMITS,
					(step) -> true, (step) -> stepView(step, resultContents));
		});
	}

	/**
	 * A step as clients see it: the content of its file search results only if they asked for it
	 * ({@code include[]=step_details.tool_calls[*].file_search.results[*].content}).
	 */
	static ObjectNode stepView(ObjectNode step, boolean resultContents) {
		ObjectNode view = ApiObjects.publicView(step);
		if (!resultContents) {
			for (JsonNode call : view.at("/step_details/tool_calls")) {
				for (JsonNode result : call.at("/file_search/results")) {
					((ObjectNode) result).remove("content");
				}
			}
		}
		return view;
	}

}
