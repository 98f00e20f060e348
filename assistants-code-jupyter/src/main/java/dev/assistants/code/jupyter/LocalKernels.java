package dev.assistants.code.jupyter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.assistants.engine.code.CodeExecution;
import dev.assistants.engine.code.CodeExecutor;
import dev.assistants.engine.code.CodeResult;

/**
 * Runs code in Jupyter kernels on this host, each session's kernel in a bubblewrap sandbox of its
 * own: no network, a read-only system, its own {@code /mnt/data} (a directory of the work
 * directory) and nothing else of the host, as an unprivileged user, within limits of memory, CPU
 * time, processes and file size. An execution past its time is interrupted (and its kernel
 * restarted if that does not stop it); a session idle for longer than its idle timeout ends.
 * <p>
 * Needs Linux with bubblewrap, and Python with ipykernel and jupyter_client at
 * {@code /usr/bin/python3} (Debian: {@code bubblewrap python3-ipykernel python3-jupyter-client}, and
 * {@code python3-numpy python3-pandas python3-matplotlib} for what analyses use): see
 * {@link #unavailable()}.
 * <pre class="code">
 * LocalKernels kernels = LocalKernels.builder().maxSessions(8).build();
 * AssistantsEngine engine = AssistantsEngine.builder(store, model).codeExecutor(kernels).build();
 * </pre>
 */
public final class LocalKernels implements CodeExecutor, AutoCloseable {

	private static final String DRIVER = "kernel_driver.py";

	private final SecureRandom random = new SecureRandom();

	private final Sessions<KernelSession> sessions;

	private final Path workDirectory;

	private final Path driver;

	private final KernelLimits limits;

	private final Sandbox.SandboxUser user;

	private final Duration idleTimeout;

	private final ScheduledExecutorService idleSweep;

	private LocalKernels(Builder builder) {
		this.limits = new KernelLimits(builder.executionTimeout, builder.startTimeout, builder.memory, builder.cpuTime,
				builder.processes, builder.maxFileSize, builder.maxOutput, builder.maxImages, builder.maxImageBytes);
		this.user = new Sandbox.SandboxUser(builder.uid, builder.gid);
		this.sessions = new Sessions<>(builder.maxSessions, KernelSession::close);
		this.idleTimeout = builder.idleTimeout;
		try {
			this.workDirectory = Files.createDirectories(builder.workDirectory).toAbsolutePath();
			// the sandbox's user passes through to its session's directory, but lists none
			Files.setPosixFilePermissions(this.workDirectory, PosixFilePermissions.fromString("rwx--x--x"));
			if (Sandbox.runsAsRoot()) {
				for (Path parent = this.workDirectory.getParent(); parent != null; parent = parent.getParent()) {
					if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
						throw new IllegalStateException("The work directory of the code sessions, " + this.workDirectory
								+ ", is in " + parent + ", which the sandboxes' user cannot pass through");
					}
				}
			}
			this.driver = this.workDirectory.resolve(DRIVER);
			// written aside, then moved in place at once: sessions of other executors may be starting from it
			Path written = Files.createTempFile(this.workDirectory, DRIVER, ".tmp");
			try (InputStream script = LocalKernels.class.getResourceAsStream(DRIVER)) {
				Files.copy(Objects.requireNonNull(script, DRIVER), written, StandardCopyOption.REPLACE_EXISTING);
			}
			Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-r--r--"));
			Files.move(written, this.driver, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The work directory of the code sessions is not usable: "
					+ builder.workDirectory, ex);
		}
		this.idleSweep = Sessions.sweepEvery(this.idleTimeout, this::endIdleSessions);
	}

	/**
	 * Why kernels cannot run on this host, if they cannot: it tries a sandbox, as the default
	 * sandbox user, with Python in it.
	 * @return what is missing, or empty if everything is there
	 */
	public static Optional<String> unavailable() {
		Builder defaults = builder();
		return Optional.ofNullable(Sandbox.unavailable(new Sandbox.SandboxUser(defaults.uid, defaults.gid)));
	}

	/**
	 * Start building local kernels.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Mono<CodeResult> execute(CodeExecution execution) {
		return Sessions.execute(() -> session(execution.sessionId()), (session) -> {
			CodeResult result = session.execute(execution.code(), execution.files());
			if (session.closed()) {
				this.sessions.forget(session);
			}
			return result;
		}, KernelSession::interrupt);
	}

	@Override
	public Set<String> sessions() {
		return this.sessions.ids();
	}

	@Override
	public void close(String sessionId) {
		this.sessions.end(sessionId);
	}

	/** End every session, and stop looking for idle ones. */
	@Override
	public void close() {
		this.idleSweep.shutdownNow();
		this.sessions.ids().forEach(this.sessions::end);
	}

	/** The session of that ID if it lives, else a new one. */
	private KernelSession session(@Nullable String sessionId) {
		KernelSession session = (sessionId != null) ? this.sessions.find(sessionId) : null;
		return (session != null) ? session : this.sessions.start(() -> KernelSession
			.start("cisession_" + HexFormat.of().formatHex(nextBytes()), this.workDirectory, this.driver, this.limits,
					this.user));
	}

	private byte[] nextBytes() {
		byte[] bytes = new byte[12];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private void endIdleSessions() {
		for (KernelSession session : this.sessions.idleSince(System.nanoTime() - this.idleTimeout.toNanos())) {
			this.sessions.end(session.id());
		}
	}

	@Override
	public String toString() {
		return "local Jupyter kernels in bubblewrap sandboxes (" + this.sessions + ")";
	}

	/**
	 * Builds {@link LocalKernels}.
	 */
	public static final class Builder {

		private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "assistants-code");

		private Duration executionTimeout = Duration.ofSeconds(60);

		private Duration startTimeout = Duration.ofSeconds(60);

		private Duration idleTimeout = Duration.ofHours(1);

		private int maxSessions = 16;

		private long memory = 1024L * 1024 * 1024;

		private Duration cpuTime = Duration.ofMinutes(10);

		private int processes = 64;

		private long maxFileSize = 512L * 1024 * 1024;

		private int maxOutput = 20_000;

		private int maxImages = 10;

		private int maxImageBytes = 10 * 1024 * 1024;

		private int uid = 65534;

		private int gid = 65534;

		private Builder() {
		}

		/**
		 * Set where the sessions' directories are made (each is a session's {@code /mnt/data});
		 * {@code assistants-code} in the temporary directory by default.
		 * @param workDirectory the directory
		 * @return this builder
		 */
		public Builder workDirectory(Path workDirectory) {
			this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory must not be null");
			return this;
		}

		/**
		 * Set the longest an execution runs before it is interrupted; 60 seconds by default.
		 * @param timeout the time
		 * @return this builder
		 */
		public Builder executionTimeout(Duration timeout) {
			this.executionTimeout = KernelLimits.positive(timeout, "executionTimeout");
			return this;
		}

		/**
		 * Set the longest a session takes to start; 60 seconds by default.
		 * @param timeout the time
		 * @return this builder
		 */
		public Builder startTimeout(Duration timeout) {
			this.startTimeout = KernelLimits.positive(timeout, "startTimeout");
			return this;
		}

		/**
		 * Set how long a session lives without running code; an hour by default, as OpenAI's did.
		 * @param timeout the time
		 * @return this builder
		 */
		public Builder idleTimeout(Duration timeout) {
			this.idleTimeout = KernelLimits.positive(timeout, "idleTimeout");
			return this;
		}

		/**
		 * Set the most sessions at once; 16 by default. A new session beyond them ends the least
		 * recently used idle one.
		 * @param maxSessions the number
		 * @return this builder
		 */
		public Builder maxSessions(int maxSessions) {
			this.maxSessions = KernelLimits.atLeastOne(maxSessions, "maxSessions");
			return this;
		}

		/**
		 * Set the address space of a session's kernel; 1 GB by default.
		 * @param bytes the size
		 * @return this builder
		 */
		public Builder memory(long bytes) {
			this.memory = KernelLimits.atLeastOne(bytes, "memory");
			return this;
		}

		/**
		 * Set the CPU time of each process of a session (its kernel: all its executions together),
		 * after which the process is killed (and a killed kernel restarted); 10 minutes by default.
		 * @param cpuTime the time
		 * @return this builder
		 */
		public Builder cpuTime(Duration cpuTime) {
			this.cpuTime = KernelLimits.positive(cpuTime, "cpuTime");
			return this;
		}

		/**
		 * Set the most processes and threads in a session's sandbox; 64 by default.
		 * @param processes the number
		 * @return this builder
		 */
		public Builder processes(int processes) {
			this.processes = KernelLimits.atLeastOne(processes, "processes");
			return this;
		}

		/**
		 * Set the largest file the code may write; 512 MB by default.
		 * @param bytes the size
		 * @return this builder
		 */
		public Builder maxFileSize(long bytes) {
			this.maxFileSize = KernelLimits.atLeastOne(bytes, "maxFileSize");
			return this;
		}

		/**
		 * Set the most characters of logs an execution keeps; 20,000 by default. What is beyond is
		 * dropped, and the logs say how much.
		 * @param characters the number
		 * @return this builder
		 */
		public Builder maxOutput(int characters) {
			this.maxOutput = KernelLimits.atLeastOne(characters, "maxOutput");
			return this;
		}

		/**
		 * Set the most images an execution keeps, and the largest; 10 of at most 10 MB by default.
		 * @param count the number
		 * @param bytes the size
		 * @return this builder
		 */
		public Builder maxImages(int count, int bytes) {
			this.maxImages = KernelLimits.atLeastOne(count, "count");
			this.maxImageBytes = KernelLimits.atLeastOne(bytes, "bytes");
			return this;
		}

		/**
		 * Set the unprivileged user the sandboxes run as when the server runs as root; 65534
		 * ({@code nobody}) by default.
		 * @param uid its user ID
		 * @param gid its group ID
		 * @return this builder
		 */
		public Builder sandboxUser(int uid, int gid) {
			this.uid = KernelLimits.atLeastOne(uid, "uid");
			this.gid = KernelLimits.atLeastOne(gid, "gid");
			return this;
		}

		/**
		 * Build the kernels; no session starts until code runs.
		 * @return the kernels
		 */
		public LocalKernels build() {
			return new LocalKernels(this);
		}

	}

}
