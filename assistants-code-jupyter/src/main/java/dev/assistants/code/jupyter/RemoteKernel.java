package dev.assistants.code.jupyter;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import dev.assistants.engine.code.CodeExecutionException;
import dev.assistants.engine.code.CodeFile;
import dev.assistants.engine.code.CodeResult;

/**
 * A kernel of a Jupyter Server, as a session: code goes to it as {@code execute_request}s over its
 * channels' WebSocket, and what it shows comes back as IOPub messages. Files go in and out of its
 * data directory through small programs run in the kernel in a namespace of their own, so that
 * they need nothing of the server but its kernels (a Kernel Gateway has no contents API). One
 * execution at a time.
 */
final class RemoteKernel implements WebSocket.Listener, Sessions.Session {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How many bytes of a file go in or come out per execution. */
	private static final int CHUNK = 768 * 1024;

	/** How long an interrupted execution has to stop before its kernel is restarted. */
	private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

	/** How long a restarted kernel has to answer each try to set it up again. */
	private static final Duration RESTART_TRY = Duration.ofSeconds(1);

	private static final String SET_UP = """
			import os
			os.makedirs(directory, exist_ok=True)
			os.chdir(directory)""";

	private static final String LIST = """
			import json, os
			print(json.dumps({e.name: [e.stat(follow_symlinks=False).st_mtime_ns, e.stat(follow_symlinks=False).st_size]
			                  for e in os.scandir(directory) if e.is_file(follow_symlinks=False)}))""";

	private static final String WRITE = """
			import base64, os
			path = os.path.join(directory, name)
			if first and os.path.lexists(path):
			    os.unlink(path)
			fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o644)
			with os.fdopen(fd, 'wb') as f:
			    f.write(base64.b64decode(data))""";

	private static final String READ = """
			import base64, os
			fd = os.open(os.path.join(directory, name), os.O_RDONLY | os.O_NOFOLLOW)
			with os.fdopen(fd, 'rb') as f:
			    f.seek(offset)
			    print(base64.b64encode(f.read(size)).decode())""";

	private final String id;

	private final JupyterServerApi api;

	private final KernelLimits limits;

	private final String directory;

	private final String session = UUID.randomUUID().toString();

	private final Semaphore executing = new Semaphore(1);

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final StringBuilder frame = new StringBuilder();

	/** The files put in the data directory, by ID, with their names. */
	private final Map<String, String> placed = new ConcurrentHashMap<>();

	private volatile @Nullable WebSocket socket;

	private volatile boolean closed;

	private volatile long lastUsed = System.nanoTime();

	private RemoteKernel(String id, JupyterServerApi api, KernelLimits limits, String directory) {
		this.id = id;
		this.api = api;
		this.limits = limits;
		this.directory = directory;
	}

	/** Connect to a kernel of the server, ready to run code in its data directory. */
	static RemoteKernel connect(String id, JupyterServerApi api, KernelLimits limits, String directory) {
		RemoteKernel kernel = new RemoteKernel(id, api, limits, directory);
		try {
			kernel.socket = api.connect(id, kernel).get(limits.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
			kernel.run(SET_UP, Map.of());
			return kernel;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new CodeExecutionException("The channels of kernel " + id + " on the Jupyter Server at " + api
					+ " could not be opened: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CodeExecutionException("Interrupted while connecting to kernel " + id, ex);
		}
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public long lastUsed() {
		return this.lastUsed;
	}

	@Override
	public boolean busy() {
		return this.executing.availablePermits() == 0;
	}

	@Override
	public boolean closed() {
		return this.closed;
	}

	/** Run code, with the files it needs put in the data directory first. */
	CodeResult execute(String code, List<CodeFile> files) {
		this.executing.acquireUninterruptibly();
		try {
			this.lastUsed = System.nanoTime();
			place(files);
			JsonNode before = JSON.readTree(run(LIST, Map.of()));
			ExecutionOutput output = new ExecutionOutput(this.limits);
			Pending execution = send(code, output);
			StringBuilder logs = new StringBuilder();
			Outcome outcome = await(execution);
			logs.append(output.logs());
			if (outcome == Outcome.TIMED_OUT || outcome == Outcome.RESTARTED_AFTER_TIMEOUT) {
				logs.append(ExecutionOutput.timedOut(this.limits.executionTimeout()));
			}
			if (outcome == Outcome.RESTARTED || outcome == Outcome.RESTARTED_AFTER_TIMEOUT) {
				logs.append(ExecutionOutput.RESTARTED);
				setUpAfterRestart();
			}
			JsonNode after = JSON.readTree(run(LIST, Map.of()));
			List<CodeFile> written = new ArrayList<>();
			for (Map.Entry<String, JsonNode> file : after.properties()) {
				if (!file.getValue().equals(before.get(file.getKey())) && FileNames.isPlain(file.getKey())
						&& file.getValue().path(1).asLong() <= this.limits.maxFileSize()) {
					written.add(new CodeFile("written:" + file.getKey(), file.getKey(), file.getValue().path(1).asLong(),
							read(file.getKey())));
				}
			}
			return new CodeResult(this.id, logs.toString().strip(), output.images(), written);
		}
		finally {
			this.lastUsed = System.nanoTime();
			this.executing.release();
		}
	}

	/** Interrupt the code that runs now, if any. */
	void interrupt() {
		if (busy() && !this.closed) {
			try {
				this.api.interrupt(this.id);
			}
			catch (CodeExecutionException ex) {
				// the kernel is gone: nothing runs
			}
		}
	}

	/** Stop listening to the kernel; it lives on in the server. */
	void disconnect() {
		this.closed = true;
		WebSocket socket = this.socket;
		if (socket != null) {
			socket.abort();
		}
		this.pending.values().forEach((waiting) -> waiting.done.complete(Outcome.CLOSED));
	}

	/** Stop the kernel: the server deletes it, with its variables. */
	void delete() {
		disconnect();
		this.api.delete(this.id);
	}

	private Outcome await(Pending execution) {
		try {
			return execution.done.get(this.limits.executionTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			this.api.interrupt(this.id);
			try {
				execution.done.get(INTERRUPT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
				return Outcome.TIMED_OUT;
			}
			catch (TimeoutException stillRunning) {
				this.api.restart(this.id);
				this.pending.remove(execution.msgId);
				return Outcome.RESTARTED_AFTER_TIMEOUT;
			}
			catch (InterruptedException | ExecutionException stopped) {
				return Outcome.CLOSED;
			}
		}
		catch (InterruptedException | ExecutionException ex) {
			return Outcome.CLOSED;
		}
	}

	/**
	 * Set the restarted kernel up again, once it answers: what is sent to it while it restarts is
	 * lost, so each try waits a moment only.
	 */
	private void setUpAfterRestart() {
		long deadline = System.nanoTime() + this.limits.startTimeout().toNanos();
		while (true) {
			try {
				run(SET_UP, Map.of(), RESTART_TRY);
				return;
			}
			catch (CodeExecutionException ex) {
				if (System.nanoTime() > deadline || this.closed) {
					throw ex;
				}
			}
		}
	}

	/** Put the files not yet in the data directory there. */
	private void place(List<CodeFile> files) {
		for (CodeFile file : files) {
			String name = FileNames.plain(file.filename());
			if (name.equals(this.placed.get(file.id()))) {
				continue;
			}
			ByteArrayOutputStream chunk = new ByteArrayOutputStream();
			boolean first = true;
			for (DataBuffer buffer : file.content().toIterable()) {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					chunk.writeBytes(bytes);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
				if (chunk.size() >= CHUNK) {
					write(name, chunk, first);
					first = false;
				}
			}
			if (first || chunk.size() > 0) {
				write(name, chunk, first);
			}
			this.placed.put(file.id(), name);
		}
	}

	private void write(String name, ByteArrayOutputStream chunk, boolean first) {
		run(WRITE, Map.of("name", name, "first", first, "data", Base64.getEncoder().encodeToString(chunk.toByteArray())));
		chunk.reset();
	}

	/** A file of the data directory, read a chunk per execution when subscribed to. */
	private Flux<DataBuffer> read(String name) {
		return Flux.using(() -> {
			this.executing.acquireUninterruptibly();
			return this;
		}, (kernel) -> Flux.<DataBuffer, Long>generate(() -> 0L, (offset, sink) -> {
			byte[] bytes = Base64.getDecoder()
				.decode(run(READ, Map.of("name", name, "offset", offset, "size", CHUNK)).strip());
			if (bytes.length == 0) {
				sink.complete();
			}
			else {
				sink.next(DefaultDataBufferFactory.sharedInstance.wrap(bytes));
			}
			return offset + bytes.length;
		}), (kernel) -> this.executing.release()).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Run one of the programs above with these variables, in a namespace of its own (not the
	 * user's); what it printed.
	 */
	private String run(String program, Map<String, Object> variables) {
		return run(program, variables, this.limits.executionTimeout());
	}

	private String run(String program, Map<String, Object> variables, Duration timeout) {
		Map<String, Object> namespace = new HashMap<>(variables);
		namespace.put("directory", this.directory);
		// JSON's string literals are Python's
		String code = "exec(compile(" + JSON.writeValueAsString(program) + ", '<assistants>', 'exec'), "
				+ "__import__('json').loads(" + JSON.writeValueAsString(JSON.writeValueAsString(namespace)) + "))";
		Pending helper = send(code, null);
		Outcome outcome;
		try {
			outcome = helper.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			this.pending.remove(helper.msgId);
			throw new CodeExecutionException("Kernel " + this.id + " did not move files in time.", ex);
		}
		if (outcome != Outcome.DONE || helper.error != null) {
			throw new CodeExecutionException("Kernel " + this.id + " could not move files: "
					+ ((helper.error != null) ? helper.error : outcome));
		}
		return helper.stream.toString();
	}

	private Pending send(String code, @Nullable ExecutionOutput output) {
		WebSocket socket = this.socket;
		if (socket == null || this.closed) {
			throw new CodeExecutionException("The channels of kernel " + this.id + " are closed.");
		}
		String msgId = UUID.randomUUID().toString();
		ObjectNode message = JsonNodeFactory.instance.objectNode();
		message.putObject("header")
			.put("msg_id", msgId)
			.put("username", "assistants")
			.put("session", this.session)
			.put("msg_type", "execute_request")
			.put("version", "5.3")
			.put("date", Instant.now().toString());
		message.putObject("parent_header");
		message.putObject("metadata");
		message.putObject("content")
			.put("code", code)
			.put("silent", false)
			.put("store_history", output != null)
			.put("allow_stdin", false)
			.put("stop_on_error", true)
			.putObject("user_expressions");
		message.put("channel", "shell");
		message.putArray("buffers");
		Pending execution = new Pending(msgId, output);
		this.pending.put(msgId, execution);
		synchronized (this) {
			socket.sendText(message.toString(), true).join();
		}
		return execution;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.frame.append(data);
		if (last) {
			String text = this.frame.toString();
			this.frame.setLength(0);
			receive(JSON.readTree(text));
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		disconnect();
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		disconnect();
	}

	private void receive(JsonNode message) {
		String type = message.at("/header/msg_type").asString("");
		JsonNode content = message.path("content");
		if ("status".equals(type)) {
			String state = content.path("execution_state").asString("");
			if ("restarting".equals(state) || "dead".equals(state)) {
				this.pending.values().forEach((waiting) -> waiting.done.complete(Outcome.RESTARTED));
				this.pending.clear();
				return;
			}
		}
		if (!"iopub".equals(message.path("channel").asString(""))) {
			return;
		}
		Pending execution = this.pending.get(message.at("/parent_header/msg_id").asString(""));
		if (execution == null) {
			return;
		}
		if ("status".equals(type) && "idle".equals(content.path("execution_state").asString(""))) {
			this.pending.remove(execution.msgId);
			execution.done.complete(Outcome.DONE);
		}
		else if (execution.output != null) {
			execution.output.accept(type, content);
		}
		else if ("stream".equals(type)) {
			execution.stream.append(content.path("text").asString(""));
		}
		else if ("error".equals(type)) {
			execution.error = content.path("ename").asString("") + ": " + content.path("evalue").asString("");
		}
	}

	/** How an execution ended. */
	private enum Outcome {

		DONE, TIMED_OUT, RESTARTED, RESTARTED_AFTER_TIMEOUT, CLOSED

	}

	/** An execution waiting for its kernel to be idle again. */
	private static final class Pending {

		private final String msgId;

		private final @Nullable ExecutionOutput output;

		/** What a program of the executor's own printed. */
		private final StringBuilder stream = new StringBuilder();

		private volatile @Nullable String error;

		private final CompletableFuture<Outcome> done = new CompletableFuture<>();

		Pending(String msgId, @Nullable ExecutionOutput output) {
			this.msgId = msgId;
			this.output = output;
		}

	}

}
