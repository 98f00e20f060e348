package dev.assistants.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.engine.model.CodeInterpreterCalls;
import dev.assistants.engine.model.CodeOutputFile;
import dev.assistants.engine.model.FileSearchCalls;
import dev.assistants.engine.model.ModelException;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.FinishReason;
import dev.assistants.engine.model.ModelOutput.TextDelta;
import dev.assistants.engine.model.ModelOutput.TokenUsage;
import dev.assistants.engine.model.ModelOutput.ToolCallDelta;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.StoreTransaction;

import static dev.assistants.engine.ApiObjects.NODES;

/**
 * One turn of a model in a run: what the model produces becomes the run's message and steps, and
 * the events a streaming client sees, in OpenAI's order. The message and the step that hold the
 * answer are written when the answer starts; text and function arguments are streamed as they come
 * and written when the turn ends. Each write first checks, under the run's lock, that the run is
 * still in progress: once it has been cancelled or has expired, the rest of the turn writes nothing.
 * Not thread-safe: the outputs of a turn are applied one after the other.
 */
final class Turn {

	/** Where a step of code calls keeps the files the run's code wrote so far, which the API does not show. */
	static final String CODE_OUTPUT_FILES = "_code_output_files";

	private final RunRef ref;

	private final String assistantId;

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final ThreadOperations threads;

	private final RunLifecycle lifecycle;

	private final Function<Callable<List<RunEvent>>, Flux<RunEvent>> inStore;

	private @Nullable ObjectNode message;

	private @Nullable ObjectNode messageStep;

	private final StringBuilder text = new StringBuilder();

	private @Nullable ObjectNode toolStep;

	private final Map<Integer, FunctionCall> calls = new TreeMap<>();

	private boolean ended;

	private boolean continues;

	private final @Nullable FileSearchTool fileSearch;

	/** The files of the run's file search results so far, by their number: what markers cite. */
	private final List<String> citedFiles;

	private final @Nullable CodeInterpreterTool codeInterpreter;

	/** The files the run's code wrote so far: what {@code sandbox:} links name. */
	private final List<CodeOutputFile> codeFiles;

	/** The images the run's code displayed since its last message: the next message shows them. */
	private final List<String> images;

	/**
	 * A turn.
	 * @param tools the tools the server executes itself, those the run may use
	 * @param before what the run's earlier turns found and made
	 */
	Turn(RunRef ref, String assistantId, AssistantsStore store, ApiObjects objects, ThreadOperations threads,
			RunLifecycle lifecycle, Function<Callable<List<RunEvent>>, Flux<RunEvent>> inStore, ServerTools tools,
			Before before) {
		this.ref = ref;
		this.assistantId = assistantId;
		this.store = store;
		this.objects = objects;
		this.threads = threads;
		this.lifecycle = lifecycle;
		this.inStore = inStore;
		this.fileSearch = tools.fileSearch();
		this.codeInterpreter = tools.codeInterpreter();
		this.citedFiles = new ArrayList<>(before.citedFiles());
		this.codeFiles = new ArrayList<>(before.codeFiles());
		this.images = new ArrayList<>(before.images());
	}

	/**
	 * Whether the run goes on with another turn: this one ended with calls the server executed
	 * itself (file searches, code) and nothing for the client to do.
	 */
	boolean continues() {
		return this.continues;
	}

	/** The events of one output of the model. */
	Flux<RunEvent> apply(ModelOutput output) {
		if (this.ended) {
			return Flux.empty();
		}
		if (output instanceof TextDelta delta) {
			Flux<RunEvent> opening = (this.message == null) ? write(this::openMessage) : Flux.empty();
			return opening.concatWith(Flux.defer(() -> this.ended ? Flux.empty() : Flux.just(messageDelta(delta.text()))));
		}
		if (output instanceof ToolCallDelta delta) {
			Flux<RunEvent> opening = (this.toolStep == null) ? write(this::openToolStep) : Flux.empty();
			return opening.concatWith(Flux.defer(() -> this.ended ? Flux.empty() : Mono.justOrEmpty(stepDelta(delta)).flux()));
		}
		Finish finish = (Finish) output;
		List<FunctionCall> executed = this.calls.values().stream().filter(this::isServerCall).toList();
		if (executed.isEmpty() || finish.reason() == FinishReason.LENGTH) {
			return write((tx, run) -> finish(tx, run, finish));
		}
		// the server's calls run before the turn's end is written, outside its transaction
		return Flux.fromIterable(executed)
			.concatMap(this::execute)
			.concatWith(Flux.defer(() -> write((tx, run) -> finish(tx, run, finish))));
	}

	/** Execute a call of the server's own tools; the outputs of code are streamed once it ran. */
	private Flux<RunEvent> execute(FunctionCall call) {
		if (isFileSearch(call)) {
			return Mono.fromRunnable(() -> call.result = this.fileSearch.search(this.ref, call.id, call.arguments.toString()))
				.subscribeOn(Schedulers.boundedElastic())
				.thenMany(Flux.empty());
		}
		return this.codeInterpreter.execute(this.ref, call.id, call.code.code()).flatMapMany((executed) -> {
			call.result = executed.call();
			this.codeFiles.addAll(executed.files());
			this.images.addAll(executed.images());
			ObjectNode delta = NODES.objectNode().put("index", call.index).put("type", "code_interpreter");
			ArrayNode outputs = delta.putObject("code_interpreter").putArray("outputs");
			int index = 0;
			for (JsonNode part : executed.call().at("/code_interpreter/outputs")) {
				outputs.add(((ObjectNode) part.deepCopy()).put("index", index++));
			}
			return this.ended ? Flux.empty() : Flux.just(stepDelta(delta));
		});
	}

	private boolean isFileSearch(FunctionCall call) {
		return this.fileSearch != null && FileSearchCalls.TOOL_NAME.equals(call.name);
	}

	private boolean isCode(FunctionCall call) {
		return this.codeInterpreter != null && CodeInterpreterCalls.TOOL_NAME.equals(call.name);
	}

	/** Whether the server executes the call itself, rather than the client. */
	private boolean isServerCall(FunctionCall call) {
		return isFileSearch(call) || isCode(call);
	}

	/** The end of a turn whose model completed without saying why. */
	Flux<RunEvent> end() {
		return this.ended ? Flux.empty() : apply(new Finish(FinishReason.STOP, null));
	}

	/** The run fails with the model's error, keeping the text it had written. */
	Flux<RunEvent> fail(ModelException ex) {
		if (this.ended) {
			return Flux.empty();
		}
		return write((tx, run) -> {
			if (this.message != null) {
				this.message.set("content", content());
				tx.update(ObjectKind.MESSAGE, this.ref.project(), this.message);
			}
			this.ended = true;
			return this.lifecycle.fail(tx, this.ref, run, ex.getCode(), ex.getMessage());
		});
	}

	/**
	 * Write in one transaction, with the run locked and still in progress, off the event loop;
	 * once the run is no longer in progress, the turn has ended and writes nothing.
	 */
	private Flux<RunEvent> write(Write write) {
		return this.inStore.apply(() -> this.store.inTransaction((tx) -> this.lifecycle.inProgress(tx, this.ref)
			.map((run) -> write.apply(tx, run))
			.orElseGet(() -> {
				this.ended = true;
				return List.of();
			})));
	}

	private List<RunEvent> openMessage(StoreTransaction tx, ObjectNode run) {
		this.message = this.threads.newAssistantMessage(this.ref.threadId(), this.assistantId, this.ref.runId());
		tx.insert(ObjectKind.MESSAGE, this.ref.project(), this.message);
		ObjectNode details = NODES.objectNode().put("type", "message_creation");
		details.putObject("message_creation").put("message_id", ApiObjects.id(this.message));
		this.messageStep = newStep(tx, "message_creation", details);
		List<RunEvent> events = new ArrayList<>(List.of(RunEvent.of("thread.run.step.created", this.messageStep),
				RunEvent.of("thread.run.step.in_progress", this.messageStep),
				RunEvent.of("thread.message.created", this.message),
				RunEvent.of("thread.message.in_progress", this.message)));
		if (!this.images.isEmpty()) {
			ObjectNode delta = NODES.objectNode().put("id", ApiObjects.id(this.message)).put("object", "thread.message.delta");
			ArrayNode parts = delta.putObject("delta").putArray("content");
			for (int i = 0; i < this.images.size(); i++) {
				parts.add(imagePart(this.images.get(i)).put("index", i));
			}
			events.add(new RunEvent("thread.message.delta", delta));
		}
		return events;
	}

	private static ObjectNode imagePart(String fileId) {
		ObjectNode part = NODES.objectNode().put("type", "image_file");
		part.putObject("image_file").put("file_id", fileId);
		return part;
	}

	private List<RunEvent> openToolStep(StoreTransaction tx, ObjectNode run) {
		List<RunEvent> events = new ArrayList<>(completeMessage(tx, FinishReason.STOP, null));
		ObjectNode details = NODES.objectNode().put("type", "tool_calls");
		details.putArray("tool_calls");
		this.toolStep = newStep(tx, "tool_calls", details);
		events.add(RunEvent.of("thread.run.step.created", this.toolStep));
		events.add(RunEvent.of("thread.run.step.in_progress", this.toolStep));
		return events;
	}

	private ObjectNode newStep(StoreTransaction tx, String type, ObjectNode details) {
		ObjectNode step = this.objects.create("step_", "thread.run.step");
		step.put("assistant_id", this.assistantId);
		step.put("thread_id", this.ref.threadId());
		step.put("run_id", this.ref.runId());
		step.put("type", type);
		step.put("status", "in_progress");
		step.set("step_details", details);
		step.putNull("last_error");
		step.putNull("expired_at");
		step.putNull("cancelled_at");
		step.putNull("failed_at");
		step.putNull("completed_at");
		step.set("metadata", NODES.objectNode());
		step.putNull("usage");
		tx.insert(ObjectKind.RUN_STEP, this.ref.project(), step);
		return step;
	}

	private RunEvent messageDelta(String piece) {
		this.text.append(piece);
		ObjectNode delta = NODES.objectNode().put("id", ApiObjects.id(this.message)).put("object", "thread.message.delta");
		delta.putObject("delta")
			.putArray("content")
			.addObject()
			.put("index", this.images.size())
			.put("type", "text")
			.putObject("text")
			.put("value", piece);
		return new RunEvent("thread.message.delta", delta);
	}

	private @Nullable RunEvent stepDelta(ToolCallDelta piece) {
		ObjectNode call = NODES.objectNode().put("index", piece.index());
		FunctionCall known = this.calls.get(piece.index());
		ObjectNode function;
		if (known == null) {
			known = new FunctionCall(piece.index(), (piece.id() != null) ? piece.id() : this.objects.newId("call_"),
					(piece.name() != null) ? piece.name() : "");
			this.calls.put(piece.index(), known);
			known.arguments.append(piece.arguments());
			if (isFileSearch(known)) {
				call.put("id", known.id).put("type", "file_search").putObject("file_search");
				return stepDelta(call);
			}
			if (isCode(known)) {
				call.put("id", known.id).put("type", "code_interpreter").putObject("code_interpreter")
					.put("input", known.code.append(piece.arguments()))
					.putArray("outputs");
				return stepDelta(call);
			}
			call.put("id", known.id).put("type", "function");
			function = call.putObject("function").put("name", known.name).put("arguments", piece.arguments());
			function.putNull("output");
		}
		else {
			known.arguments.append(piece.arguments());
			if (isFileSearch(known)) {
				return null;
			}
			if (isCode(known)) {
				String input = known.code.append(piece.arguments());
				if (input.isEmpty()) {
					return null;
				}
				call.put("type", "code_interpreter").putObject("code_interpreter").put("input", input);
				return stepDelta(call);
			}
			call.put("type", "function");
			function = call.putObject("function").put("arguments", piece.arguments());
		}
		return stepDelta(call);
	}

	private RunEvent stepDelta(ObjectNode call) {
		ObjectNode delta = NODES.objectNode().put("id", ApiObjects.id(this.toolStep)).put("object", "thread.run.step.delta");
		delta.putObject("delta")
			.putObject("step_details")
			.put("type", "tool_calls")
			.putArray("tool_calls")
			.add(call);
		return new RunEvent("thread.run.step.delta", delta);
	}

	private List<RunEvent> finish(StoreTransaction tx, ObjectNode run, Finish finish) {
		this.ended = true;
		TokenUsage usage = (finish.usage() != null) ? finish.usage() : TokenUsage.NONE;
		RunLifecycle.addUsage(run, usage);
		boolean truncated = finish.reason() == FinishReason.LENGTH;
		List<RunEvent> events = new ArrayList<>(
				completeMessage(tx, finish.reason(), (this.toolStep == null) ? usage : null));
		if (this.toolStep != null && !truncated) {
			if (this.calls.values().stream().allMatch(this::isServerCall)) {
				completeToolStep(tx, run, usage);
				events.add(RunEvent.of("thread.run.step.completed", this.toolStep));
				this.continues = true;
				return events;
			}
			requireAction(tx, run, usage);
			events.add(RunEvent.of("thread.run.requires_action", run));
			return events;
		}
		if (this.toolStep != null) {
			this.toolStep.put("status", "cancelled");
			this.toolStep.put("cancelled_at", this.objects.now());
			tx.update(ObjectKind.RUN_STEP, this.ref.project(), this.toolStep);
			events.add(RunEvent.of("thread.run.step.cancelled", this.toolStep));
		}
		String status = truncated ? "incomplete" : "completed";
		run.put("status", status);
		if (truncated) {
			run.set("incomplete_details", NODES.objectNode().put("reason", "max_completion_tokens"));
		}
		else {
			run.put("completed_at", this.objects.now());
		}
		RunLifecycle.showUsage(run);
		tx.update(ObjectKind.RUN, this.ref.project(), run);
		events.add(RunEvent.of("thread.run." + status, run));
		return events;
	}

	/** The message being written, if any, is done: completed, or incomplete if the model was cut short. */
	private List<RunEvent> completeMessage(StoreTransaction tx, FinishReason reason, @Nullable TokenUsage usage) {
		if (this.message == null || this.messageStep == null) {
			return List.of();
		}
		ObjectNode message = this.message;
		ObjectNode step = this.messageStep;
		this.message = null;
		this.messageStep = null;
		message.set("content", content());
		this.text.setLength(0);
		String incomplete = switch (reason) {
			case LENGTH -> "max_tokens";
			case CONTENT_FILTER -> "content_filter";
			default -> null;
		};
		if (incomplete != null) {
			message.put("status", "incomplete");
			message.put("incomplete_at", this.objects.now());
			message.set("incomplete_details", NODES.objectNode().put("reason", incomplete));
		}
		else {
			message.put("status", "completed");
			message.put("completed_at", this.objects.now());
		}
		tx.update(ObjectKind.MESSAGE, this.ref.project(), message);
		step.put("status", "completed");
		step.put("completed_at", this.objects.now());
		if (usage != null) {
			RunLifecycle.addUsage(step, usage);
		}
		RunLifecycle.showUsage(step);
		tx.update(ObjectKind.RUN_STEP, this.ref.project(), step);
		return List.of(RunEvent.of("thread.message." + ((incomplete != null) ? "incomplete" : "completed"), message),
				RunEvent.of("thread.run.step.completed", step));
	}

	/** The step holds the turn's calls: searches and code with their results, functions waiting for outputs. */
	private ArrayNode writeCalls(ArrayNode requiredCalls) {
		ArrayNode stepCalls = this.toolStep.withArray("/step_details/tool_calls");
		stepCalls.removeAll();
		ArrayNode written = this.toolStep.putArray(CODE_OUTPUT_FILES);
		for (CodeOutputFile file : this.codeFiles) {
			written.addObject().put("call_id", file.callId()).put("filename", file.filename()).put("file_id", file.fileId());
		}
		for (FunctionCall call : this.calls.values()) {
			if (isFileSearch(call)) {
				stepCalls.add(call.result);
				for (JsonNode result : call.result.at("/file_search/results")) {
					this.citedFiles.add(result.path("file_id").asString());
				}
				continue;
			}
			if (isCode(call)) {
				stepCalls.add(call.result);
				continue;
			}
			ObjectNode function = NODES.objectNode().put("name", call.name).put("arguments", call.arguments.toString());
			requiredCalls.addObject().put("id", call.id).put("type", "function").set("function", function);
			stepCalls.addObject().put("id", call.id).put("type", "function").set("function",
					function.deepCopy().putNull("output"));
		}
		return stepCalls;
	}

	/** The step of the server's calls only is done, and the run goes on with another turn. */
	private void completeToolStep(StoreTransaction tx, ObjectNode run, TokenUsage usage) {
		writeCalls(NODES.arrayNode());
		this.toolStep.put("status", "completed");
		this.toolStep.put("completed_at", this.objects.now());
		RunLifecycle.addUsage(this.toolStep, usage);
		RunLifecycle.showUsage(this.toolStep);
		tx.update(ObjectKind.RUN_STEP, this.ref.project(), this.toolStep);
		tx.update(ObjectKind.RUN, this.ref.project(), run);
	}

	/** The run waits for the outputs of the functions the model called. */
	private void requireAction(StoreTransaction tx, ObjectNode run, TokenUsage usage) {
		ArrayNode requiredCalls = NODES.arrayNode();
		writeCalls(requiredCalls);
		RunLifecycle.addUsage(this.toolStep, usage);
		tx.update(ObjectKind.RUN_STEP, this.ref.project(), this.toolStep);
		run.put("status", "requires_action");
		run.set("required_action", NODES.objectNode()
			.put("type", "submit_tool_outputs")
			.set("submit_tool_outputs", NODES.objectNode().set("tool_calls", requiredCalls)));
		tx.update(ObjectKind.RUN, this.ref.project(), run);
	}

	/**
	 * The message's images the run's code displayed since its last message, and its text, with a
	 * {@code file_citation} annotation for each marker of a result it cites and a {@code file_path}
	 * annotation for each link to a file the run's code wrote.
	 */
	private ArrayNode content() {
		String text = this.text.toString();
		ObjectNode part = ApiObjects.textPart(text);
		ArrayNode annotations = (ArrayNode) part.at("/text/annotations");
		Matcher link = CodeInterpreterCalls.SANDBOX_LINK.matcher(text);
		while (link.find()) {
			String filename = link.group(1);
			// the latest file of that name
			this.codeFiles.stream().filter((file) -> file.filename().equals(filename)).reduce((first, second) -> second)
				.ifPresent((file) -> {
					ObjectNode annotation = annotations.addObject().put("type", "file_path").put("text", link.group());
					annotation.putObject("file_path").put("file_id", file.fileId());
					annotation.put("start_index", text.codePointCount(0, link.start()));
					annotation.put("end_index", text.codePointCount(0, link.end()));
				});
		}
		Matcher marker = FileSearchCalls.MARKER.matcher(text);
		while (marker.find()) {
			int number = Integer.parseInt(marker.group(1));
			if (number < this.citedFiles.size()) {
				ObjectNode annotation = annotations.addObject().put("type", "file_citation").put("text", marker.group());
				annotation.putObject("file_citation").put("file_id", this.citedFiles.get(number));
				// indices count characters (code points), as the API's clients do
				annotation.put("start_index", text.codePointCount(0, marker.start()));
				annotation.put("end_index", text.codePointCount(0, marker.end()));
			}
		}
		ArrayNode content = NODES.arrayNode();
		this.images.forEach((fileId) -> content.add(imagePart(fileId)));
		this.images.clear();
		return content.add(part);
	}

	/**
	 * A write of the turn, given the transaction and the run it locked.
	 */
	@FunctionalInterface
	private interface Write {

		List<RunEvent> apply(StoreTransaction tx, ObjectNode run);

	}

	private static final class FunctionCall {

		private final int index;

		private final String id;

		private final String name;

		private final StringBuilder arguments = new StringBuilder();

		/** The code of a code interpreter call, as it is written. */
		private final CodeInput code = new CodeInput();

		/** A file search's or code interpreter's tool call, with its results, once executed. */
		private @Nullable ObjectNode result;

		FunctionCall(int index, String id, String name) {
			this.index = index;
			this.id = id;
			this.name = name;
		}

	}

	/**
	 * The tools the server executes itself, each if the run may use it.
	 * @param fileSearch the file search tool: a call of {@value FileSearchCalls#TOOL_NAME} is the server's
	 * @param codeInterpreter the code interpreter: a call of {@value CodeInterpreterCalls#TOOL_NAME} is the server's
	 */
	record ServerTools(@Nullable FileSearchTool fileSearch, @Nullable CodeInterpreterTool codeInterpreter) {
	}

	/**
	 * What the run's earlier turns found and made.
	 * @param citedFiles the files of the run's file search results, by number
	 * @param codeFiles the files its code wrote
	 * @param images the images its code displayed since its last message
	 */
	record Before(List<String> citedFiles, List<CodeOutputFile> codeFiles, List<String> images) {
	}

}
