package dev.assistants.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

import dev.assistants.engine.code.CodeExecution;
import dev.assistants.engine.code.CodeExecutionException;
import dev.assistants.engine.code.CodeExecutor;
import dev.assistants.engine.code.CodeFile;
import dev.assistants.engine.code.CodeResult;
import dev.assistants.engine.model.CodeOutputFile;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;

import static dev.assistants.engine.ApiObjects.NODES;

/**
 * The {@code code_interpreter} tool of runs, which the server executes itself: a call runs its code
 * in its thread's session, with the files of the assistant's and the thread's
 * {@code tool_resources.code_interpreter} and of the thread's messages' {@code code_interpreter}
 * attachments in {@code /mnt/data}. The images the code displays and the files it writes become
 * files with purpose {@value #PURPOSE}.
 * <p>
 * A thread has one session, named on the thread: a run continues it, or starts a new one that
 * takes its place. A session of this engine whose thread names another (it moved to another
 * instance) or is gone ends at the next {@link #sweep()}.
 */
final class CodeInterpreterTool {

	private static final Log logger = LogFactory.getLog(CodeInterpreterTool.class);

	/** The purpose of the files the code makes, as OpenAI gave them. */
	static final String PURPOSE = "assistants_output";

	/** Where a thread names its session, which the API does not show. */
	private static final String SESSION = "_code_session";

	private static final String TYPE = "code_interpreter";

	private final AssistantsStore store;

	private final CodeExecutor executor;

	private final FileOperations files;

	private final Scheduler scheduler;

	/** The threads of the sessions this engine started or continued, by session. */
	private final Map<String, ThreadOfSession> threads = new ConcurrentHashMap<>();

	/**
	 * The executions under way: a session one of them starts is named only once it has answered
	 * and its thread names it, and no sweep ends it before.
	 */
	private final AtomicInteger executing = new AtomicInteger();

	CodeInterpreterTool(AssistantsStore store, CodeExecutor executor, FileOperations files, Scheduler scheduler) {
		this.store = store;
		this.executor = executor;
		this.files = files;
		this.scheduler = scheduler;
	}

	/**
	 * Execute a call of the tool. Cancelling it interrupts the code.
	 * @param ref the run
	 * @param callId the call's ID
	 * @param code the code the model wrote
	 * @return the step's tool call with its outputs, and the files the code wrote
	 */
	Mono<Executed> execute(RunRef ref, String callId, String code) {
		return Mono.defer(() -> {
			this.executing.incrementAndGet();
			return Mono.fromCallable(() -> this.store.inTransaction((tx) -> prepare(tx, ref, code)))
				.subscribeOn(this.scheduler)
				.flatMap((execution) -> this.executor.execute(execution)
					.flatMap((result) -> keep(ref, callId, code, execution.sessionId(), result))
					.onErrorResume(CodeExecutionException.class,
							(ex) -> Mono.just(new Executed(call(callId, code, "The code could not run: " + ex.getMessage(),
									List.of()), List.of(), List.of()))));
		}).doFinally((signal) -> this.executing.decrementAndGet());
	}

	/**
	 * End the sessions here whose thread is gone or has moved on to another session, and those no
	 * thread names (a run that ended while its code ran) when no execution is under way, as such a
	 * session may be one that an execution is starting.
	 */
	void sweep() {
		// the sessions first: an execution counts itself before it starts a session, and names it
		// before it stops counting
		Set<String> sessions = this.executor.sessions();
		boolean executing = this.executing.get() > 0;
		for (String sessionId : sessions) {
			ThreadOfSession thread = this.threads.get(sessionId);
			if (thread == null && executing) {
				continue;
			}
			boolean current = thread != null && this.store.inTransaction((tx) -> tx
				.find(ObjectKind.THREAD, thread.project(), thread.threadId())
				.map((found) -> sessionId.equals(found.path(SESSION).asString(null)))
				.orElse(false));
			if (!current) {
				this.threads.remove(sessionId);
				this.executor.close(sessionId);
			}
		}
	}

	private CodeExecution prepare(StoreTransaction tx, RunRef ref, String code) {
		ObjectNode thread = Lookups.thread(tx, ref.project(), ref.threadId());
		ObjectNode run = Lookups.run(tx, ref.project(), ref.threadId(), ref.runId());
		Set<String> fileIds = new LinkedHashSet<>();
		tx.find(ObjectKind.ASSISTANT, ref.project(), run.path("assistant_id").asString())
			.ifPresent((assistant) -> addFiles(assistant, fileIds));
		addFiles(thread, fileIds);
		for (ObjectNode message : tx.list(ObjectKind.MESSAGE, ref.project(), Scope.thread(ref.threadId()))) {
			for (JsonNode attachment : message.path("attachments")) {
				for (JsonNode tool : attachment.path("tools")) {
					if (TYPE.equals(tool.path("type").asString())) {
						fileIds.add(attachment.path("file_id").asString());
					}
				}
			}
		}
		List<CodeFile> inputs = new ArrayList<>();
		for (String fileId : fileIds) {
			tx.find(ObjectKind.FILE, ref.project(), fileId)
				.ifPresent((file) -> inputs.add(new CodeFile(fileId, file.path("filename").asString(),
						file.path("bytes").asLong(), this.store.blobs().read(fileId))));
		}
		return new CodeExecution(thread.path(SESSION).asString(null), code, inputs);
	}

	private static void addFiles(JsonNode owner, Set<String> fileIds) {
		for (JsonNode id : owner.at("/tool_resources/code_interpreter/file_ids")) {
			fileIds.add(id.asString());
		}
	}

	/** The images and files become the project's files; the thread names the session that ran the code. */
	private Mono<Executed> keep(RunRef ref, String callId, String code, @Nullable String previousSession,
			CodeResult result) {
		Mono<Void> named = (result.sessionId().equals(previousSession) ? Mono.<Void>empty()
				: Mono.<Void>fromRunnable(() -> this.store.inTransaction((tx) -> {
					tx.find(ObjectKind.THREAD, ref.project(), ref.threadId()).ifPresent((thread) -> {
						thread.put(SESSION, result.sessionId());
						tx.update(ObjectKind.THREAD, ref.project(), thread);
					});
					return null;
				})).subscribeOn(this.scheduler))
			// known as the thread's once the thread names it, so that a sweep never finds it in between
			.then(Mono.fromRunnable(
					() -> this.threads.put(result.sessionId(), new ThreadOfSession(ref.project(), ref.threadId()))));
		Mono<List<String>> images = Flux.fromIterable(result.images())
			.index()
			.concatMap((image) -> this.files
				.createOutput(ref.project(), "code_interpreter_image_" + (image.getT1() + 1) + ".png",
						MediaType.IMAGE_PNG, Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(image.getT2())))
				.map(ApiObjects::id))
			.collectList();
		Mono<List<CodeOutputFile>> written = Flux.fromIterable(result.files())
			.concatMap((file) -> this.files
				.createOutput(ref.project(), file.filename(),
						MediaTypeFactory.getMediaType(file.filename()).orElse(MediaType.APPLICATION_OCTET_STREAM),
						file.content())
				.map((kept) -> new CodeOutputFile(callId, file.filename(), ApiObjects.id(kept)))
				.onErrorResume((ex) -> {
					logger.warn("A file the code of " + callId + " wrote could not be kept", ex);
					return Mono.empty();
				}))
			.collectList();
		return named.then(Mono.zip(images, written))
			.map((kept) -> new Executed(call(callId, code, result.logs(), kept.getT1()), kept.getT2(), kept.getT1()));
	}

	/** The step's tool call: the code, its logs (if any) and its images. */
	private static ObjectNode call(String callId, String code, String logs, List<String> imageFileIds) {
		ObjectNode call = NODES.objectNode().put("id", callId).put("type", TYPE);
		ObjectNode interpreter = call.putObject(TYPE).put("input", code);
		ArrayNode outputs = interpreter.putArray("outputs");
		if (!logs.isEmpty()) {
			outputs.addObject().put("type", "logs").put("logs", logs);
		}
		for (String fileId : imageFileIds) {
			outputs.addObject().put("type", "image").putObject("image").put("file_id", fileId);
		}
		return call;
	}

	/**
	 * A call, executed.
	 * @param call the step's tool call, with its outputs
	 * @param files the files the code wrote
	 * @param images the files of the images it displayed
	 */
	record Executed(ObjectNode call, List<CodeOutputFile> files, List<String> images) {
	}

	private record ThreadOfSession(String project, String threadId) {
	}

}
