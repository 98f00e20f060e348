package dev.assistants.code.jupyter;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import dev.assistants.engine.code.CodeExecutionException;
import dev.assistants.engine.code.CodeFile;
import dev.assistants.engine.code.CodeResult;

/**
 * One session: a kernel in its sandbox, the directory that is its {@code /mnt/data}, and the driver
 * inside the sandbox that the session speaks JSON lines with over the process's standard streams.
 * The driver runs beside the code it runs, so what it says is read as untrusted: lines are bounded,
 * file names are checked, and files are read without following links. One execution at a time.
 */
final class KernelSession implements Sessions.Session {

	private static final Log logger = LogFactory.getLog(KernelSession.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How long the driver has beyond an execution's own limit to interrupt or restart its kernel. */
	private static final Duration GRACE = Duration.ofSeconds(30);

	private static final int READ_BUFFER = 64 * 1024;

	private final String id;

	private final Path directory;

	private final KernelLimits limits;

	private final Process process;

	private final OutputStream requests;

	/** The driver's lines, as they are read. */
	private final BlockingQueue<Reply> lines = new LinkedBlockingQueue<>();

	private final ReentrantLock executing = new ReentrantLock();

	private final Object writing = new Object();

	/** The files put in {@code /mnt/data}, by ID, with their names. */
	private final Map<String, String> placed = new HashMap<>();

	private final Sandbox.SandboxUser user;

	/** The end of what the sandbox wrote to its standard error, which says why a session did not start. */
	private final ErrorTail errors = new ErrorTail();

	private volatile long lastUsed = System.nanoTime();

	private volatile boolean closed;

	private KernelSession(String id, Path directory, KernelLimits limits, Sandbox.SandboxUser user, Process process) {
		this.id = id;
		this.user = user;
		this.directory = directory;
		this.limits = limits;
		this.process = process;
		this.requests = process.getOutputStream();
		Thread replyReader = new Thread(() -> readLines(process.getInputStream()), "assistants-code-session-replies");
		replyReader.setDaemon(true);
		replyReader.start();
		Thread errorReader = new Thread(() -> this.errors.drain(process.getErrorStream()), "assistants-code-session-errors");
		errorReader.setDaemon(true);
		errorReader.start();
	}

	/**
	 * Start a session: its directory, then its sandbox, then its kernel, ready when this returns.
	 */
	static KernelSession start(String id, Path workDirectory, Path driver, KernelLimits limits,
			Sandbox.SandboxUser user) {
		Path directory = workDirectory.resolve(id);
		try {
			Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			ownedBy(directory, user);
			ProcessBuilder builder = new ProcessBuilder(Sandbox.kernel(directory, driver, limits.toJson(), user));
			// nothing of the server's environment reaches the sandbox, not even its processes' /proc
			builder.environment().clear();
			builder.environment().put("PATH", "/usr/bin:/bin");
			KernelSession session = new KernelSession(id, directory, limits, user, builder.start());
			session.awaitReady();
			return session;
		}
		catch (IOException | RuntimeException ex) {
			deleteTree(directory);
			throw (ex instanceof CodeExecutionException code) ? code
					: new CodeExecutionException("A sandboxed Python session could not start: " + ex.getMessage(), ex);
		}
	}

	private void awaitReady() {
		JsonNode ready = readReply(this.limits.startTimeout());
		if (ready == null || !ready.path("ready").asBoolean()) {
			boolean exited = !this.process.isAlive();
			destroy();
			String said = this.errors.toString().strip();
			throw new CodeExecutionException("A sandboxed Python session "
					+ (exited ? "could not start" : "did not start within " + this.limits.startTimeout().toSeconds() + " seconds")
					+ (said.isEmpty() ? "." : ": " + said));
		}
	}

	@Override
	public String id() {
		return this.id;
	}

	/** When the session last ran code, in {@link System#nanoTime()}. */
	@Override
	public long lastUsed() {
		return this.lastUsed;
	}

	/** Whether it runs code now. */
	@Override
	public boolean busy() {
		return this.executing.isLocked();
	}

	@Override
	public boolean closed() {
		return this.closed || !this.process.isAlive();
	}

	/**
	 * Run code, with the files it needs put in {@code /mnt/data} first. A session that stops
	 * answering is closed, and the result says its state is lost.
	 */
	CodeResult execute(String code, List<CodeFile> files) {
		this.executing.lock();
		try {
			this.lastUsed = System.nanoTime();
			place(files);
			String request = JsonNodeFactory.instance.objectNode()
				.put("execute", code)
				.put("timeout", this.limits.executionTimeout().toMillis() / 1000.0)
				.put("max_output", this.limits.maxOutput())
				.put("max_images", this.limits.maxImages())
				.put("max_image_bytes", this.limits.maxImageBytes())
				.toString();
			JsonNode reply;
			try {
				send(request);
				reply = readReply(this.limits.executionTimeout().plus(GRACE));
			}
			catch (IOException ex) {
				reply = null;
			}
			if (reply == null || !reply.has("logs")) {
				logger.warn("Code session " + this.id + " stopped answering ("
						+ (this.process.isAlive() ? "no result within its time" : "its sandbox exited with "
								+ this.process.exitValue()) + "): " + this.errors.toString().strip());
				close();
				return new CodeResult(this.id, "The Python session stopped answering and was ended: its variables and "
						+ "files are gone. Run the code again to start a new session.", List.of(), List.of());
			}
			return result(reply);
		}
		finally {
			this.lastUsed = System.nanoTime();
			this.executing.unlock();
		}
	}

	/** Interrupt the code that runs now, if any, as a keyboard interrupt would. */
	void interrupt() {
		try {
			send("{\"interrupt\": true}");
		}
		catch (IOException ex) {
			// the session is gone: nothing runs
		}
	}

	/** Stop the kernel and its sandbox, and delete the session's files. */
	void close() {
		this.closed = true;
		destroy();
		deleteTree(this.directory);
	}

	private void destroy() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private CodeResult result(JsonNode reply) {
		StringBuilder logs = new StringBuilder(reply.path("logs").asString(""));
		if (reply.path("timed_out").asBoolean()) {
			logs.append(ExecutionOutput.timedOut(this.limits.executionTimeout()));
		}
		if (reply.path("restarted").asBoolean()) {
			logs.append(ExecutionOutput.RESTARTED);
		}
		List<byte[]> images = new ArrayList<>();
		for (JsonNode image : reply.path("images")) {
			if (images.size() < this.limits.maxImages()) {
				try {
					byte[] png = Base64.getMimeDecoder().decode(image.asString(""));
					if (png.length <= this.limits.maxImageBytes()) {
						images.add(png);
					}
				}
				catch (IllegalArgumentException ex) {
					// not an image
				}
			}
		}
		List<CodeFile> written = new ArrayList<>();
		for (JsonNode file : reply.path("files")) {
			CodeFile output = output(file.path("name").asString(""));
			if (output != null) {
				written.add(output);
			}
		}
		return new CodeResult(this.id, logs.toString().strip(), images, written);
	}

	/** A file the code wrote, if it is a regular file of the session's directory within the size limit. */
	private @Nullable CodeFile output(String name) {
		if (!FileNames.isPlain(name)) {
			return null;
		}
		Path path = this.directory.resolve(name);
		try {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isRegularFile() || attributes.size() > this.limits.maxFileSize()) {
				return null;
			}
			return new CodeFile("written:" + name, name, attributes.size(),
					DataBufferUtils.readByteChannel(
							() -> Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS),
							DefaultDataBufferFactory.sharedInstance, READ_BUFFER));
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** Put the files not yet in {@code /mnt/data} there, never through a link the code made. */
	private void place(List<CodeFile> files) {
		for (CodeFile file : files) {
			String name = FileNames.plain(file.filename());
			if (name.equals(this.placed.get(file.id()))) {
				continue;
			}
			Path path = this.directory.resolve(name);
			try {
				Files.deleteIfExists(path);
				// on the session's own thread (Sessions.execute), never an event loop: it runs one execution at a time
				DataBufferUtils
					.write(file.content(), path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
							LinkOption.NOFOLLOW_LINKS)
					.block(this.limits.executionTimeout());
				ownedBySandbox(path);
				this.placed.put(file.id(), name);
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("File " + file.id() + " could not be put in session " + this.id, ex);
			}
		}
	}

	/** The file is the sandbox user's, as the files the code makes are, so that the code may change it. */
	private void ownedBySandbox(Path path) throws IOException {
		ownedBy(path, this.user);
	}

	private static void ownedBy(Path path, Sandbox.SandboxUser user) throws IOException {
		if (Sandbox.runsAsRoot()) {
			Files.setAttribute(path, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
			Files.setAttribute(path, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
		}
	}

	private void send(String line) throws IOException {
		synchronized (this.writing) {
			this.requests.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			this.requests.flush();
		}
	}

	/**
	 * The driver's next line, read as JSON; {@code null} if it said nothing within the time, ended,
	 * or wrote a line longer than the largest result can be (the session then ends).
	 */
	private @Nullable JsonNode readReply(Duration timeout) {
		try {
			Reply reply = this.lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (reply == null || reply.line() == null) {
				return null;
			}
			return JSON.readTree(reply.line());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** Read the driver's lines as they come, each up to the largest a result can be, until it ends. */
	private void readLines(InputStream replies) {
		try (InputStream in = new BufferedInputStream(replies)) {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			for (int next = in.read(); next >= 0; next = in.read()) {
				if (next == '\n') {
					this.lines.add(new Reply(line.toString(StandardCharsets.UTF_8)));
					line.reset();
				}
				else if (line.size() >= this.limits.maxReplyBytes()) {
					destroy();
					break;
				}
				else {
					line.write(next);
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		this.lines.add(new Reply(null));
	}

	/** A line of the driver's, or its end ({@code null}). */
	private record Reply(@Nullable String line) {
	}

	/** The last few kilobytes a stream gave, read until it ends. */
	private static final class ErrorTail {

		private static final int SIZE = 4096;

		private final StringBuilder tail = new StringBuilder();

		void drain(InputStream stream) {
			byte[] buffer = new byte[1024];
			try (stream) {
				for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
					synchronized (this.tail) {
						this.tail.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
						if (this.tail.length() > SIZE) {
							this.tail.delete(0, this.tail.length() - SIZE);
						}
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}

		@Override
		public String toString() {
			synchronized (this.tail) {
				return this.tail.toString();
			}
		}

	}

	static void deleteTree(Path directory) {
		if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try {
			Files.walkFileTree(directory, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
					// the code may have made a directory the server could not list
					Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.delete(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException ex) throws IOException {
					Files.delete(dir);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			logger.warn("The files of a code session could not all be deleted: " + directory, ex);
		}
	}

}
