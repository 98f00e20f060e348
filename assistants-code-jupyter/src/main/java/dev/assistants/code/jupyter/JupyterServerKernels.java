package dev.assistants.code.jupyter;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.assistants.engine.code.CodeExecution;
import dev.assistants.engine.code.CodeExecutionException;
import dev.assistants.engine.code.CodeExecutor;
import dev.assistants.engine.code.CodeResult;

/**
 * Runs code in the kernels of a Jupyter Server, a Jupyter Kernel Gateway or an Enterprise Gateway
 * (which runs each kernel in a pod of its own on Kubernetes): the kernels API over REST and
 * WebSocket, nothing else. A session is a kernel, named by its ID, so every instance of the
 * Assistants server that talks to the same Jupyter Server finds a thread's session wherever it
 * started. The sandbox is the Jupyter Server's to provide; the code's files are in its
 * {@code data-directory}, {@code /mnt/data} by default, which kernels must be able to write.
 * <pre class="code">
 * JupyterServerKernels kernels = JupyterServerKernels.builder(URI.create("http://gateway:8888"))
 *     .token(token)
 *     .build();
 * </pre>
 */
public final class JupyterServerKernels implements CodeExecutor, AutoCloseable {

	private static final Log logger = LogFactory.getLog(JupyterServerKernels.class);

	private final Sessions<RemoteKernel> kernels;

	private final JupyterServerApi api;

	private final KernelLimits limits;

	private final String kernelName;

	private final String dataDirectory;

	private final Duration idleTimeout;

	private final ScheduledExecutorService idleSweep;

	private JupyterServerKernels(Builder builder) {
		this.api = new JupyterServerApi(builder.baseUrl, builder.token, builder.requestTimeout);
		this.limits = new KernelLimits(builder.executionTimeout, builder.startTimeout, 0, Duration.ZERO, 0,
				builder.maxFileSize, builder.maxOutput, builder.maxImages, builder.maxImageBytes);
		this.kernelName = builder.kernelName;
		this.dataDirectory = builder.dataDirectory;
		this.kernels = new Sessions<>(builder.maxSessions, RemoteKernel::delete);
		this.idleTimeout = builder.idleTimeout;
		this.idleSweep = Sessions.sweepEvery(this.idleTimeout, this::endIdleKernels);
	}

	/**
	 * Start building kernels on a Jupyter Server.
	 * @param baseUrl the server's URL, such as {@code http://gateway:8888}
	 * @return a new builder
	 */
	public static Builder builder(URI baseUrl) {
		return new Builder(baseUrl);
	}

	@Override
	public Mono<CodeResult> execute(CodeExecution execution) {
		return Sessions.execute(() -> kernel(execution.sessionId()), (kernel) -> {
			try {
				return kernel.execute(execution.code(), execution.files());
			}
			catch (CodeExecutionException ex) {
				forget(kernel);
				throw ex;
			}
		}, RemoteKernel::interrupt);
	}

	@Override
	public Set<String> sessions() {
		return this.kernels.ids();
	}

	@Override
	public void close(String sessionId) {
		this.kernels.end(sessionId);
	}

	/**
	 * Stop listening to the kernels; they live on in the Jupyter Server, for the other instances
	 * (configure its culling of idle kernels to end them).
	 */
	@Override
	public void close() {
		this.idleSweep.shutdownNow();
		this.kernels.all().forEach(RemoteKernel::disconnect);
		this.kernels.clear();
	}

	/** The kernel of that ID if the server still has it, else a new one. */
	private RemoteKernel kernel(@Nullable String sessionId) {
		if (sessionId != null) {
			RemoteKernel known = this.kernels.find(sessionId);
			// another instance may have ended it
			if (this.api.find(sessionId).isPresent()) {
				return (known != null) ? known : connected(sessionId);
			}
			if (known != null) {
				forget(known);
			}
		}
		return this.kernels.start(() -> RemoteKernel.connect(this.api.start(this.kernelName).path("id").asString(),
				this.api, this.limits, this.dataDirectory));
	}

	private RemoteKernel connected(String kernelId) {
		RemoteKernel kernel = RemoteKernel.connect(kernelId, this.api, this.limits, this.dataDirectory);
		RemoteKernel previous = this.kernels.keep(kernel);
		if (previous != null) {
			previous.disconnect();
		}
		return kernel;
	}

	private void forget(RemoteKernel kernel) {
		kernel.disconnect();
		this.kernels.forget(kernel);
	}

	/**
	 * Kernels idle here for the idle timeout are deleted if the Jupyter Server saw no activity on
	 * them either (another instance may be using them), else only forgotten here.
	 */
	private void endIdleKernels() {
		for (RemoteKernel kernel : this.kernels.idleSince(System.nanoTime() - this.idleTimeout.toNanos())) {
			try {
				boolean usedElsewhere = !kernel.closed() && this.api.find(kernel.id())
					.map((found) -> Instant.parse(found.path("last_activity").asString(Instant.EPOCH.toString()))
						.isAfter(Instant.now().minus(this.idleTimeout)))
					.orElse(false);
				if (usedElsewhere) {
					forget(kernel);
				}
				else {
					close(kernel.id());
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not end idle kernel " + kernel.id(), ex);
			}
		}
	}

	@Override
	public String toString() {
		return "Jupyter kernels on " + this.api + " (" + this.kernels + ")";
	}

	/**
	 * Builds {@link JupyterServerKernels}.
	 */
	public static final class Builder {

		private final URI baseUrl;

		private @Nullable String token;

		private String kernelName = "python3";

		private String dataDirectory = "/mnt/data";

		private Duration requestTimeout = Duration.ofSeconds(30);

		private Duration executionTimeout = Duration.ofSeconds(60);

		private Duration startTimeout = Duration.ofSeconds(60);

		private Duration idleTimeout = Duration.ofHours(1);

		private int maxSessions = 64;

		private long maxFileSize = 512L * 1024 * 1024;

		private int maxOutput = 20_000;

		private int maxImages = 10;

		private int maxImageBytes = 10 * 1024 * 1024;

		private Builder(URI baseUrl) {
			this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl must not be null");
		}

		/**
		 * Set the token the Jupyter Server asks for; none by default.
		 * @param token the token
		 * @return this builder
		 */
		public Builder token(@Nullable String token) {
			this.token = token;
			return this;
		}

		/**
		 * Set the kernelspec of new kernels; {@code python3} by default.
		 * @param kernelName the kernelspec's name
		 * @return this builder
		 */
		public Builder kernelName(String kernelName) {
			this.kernelName = Objects.requireNonNull(kernelName, "kernelName must not be null");
			return this;
		}

		/**
		 * Set the directory of the kernels' files, which they start in; {@code /mnt/data} by default.
		 * @param dataDirectory the directory, as the kernels see it
		 * @return this builder
		 */
		public Builder dataDirectory(String dataDirectory) {
			this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory must not be null");
			return this;
		}

		/**
		 * Set the longest a request to the Jupyter Server may take; 30 seconds by default.
		 * @param timeout the time
		 * @return this builder
		 */
		public Builder requestTimeout(Duration timeout) {
			this.requestTimeout = KernelLimits.positive(timeout, "requestTimeout");
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
		 * Set how long a kernel lives without running code; an hour by default.
		 * @param timeout the time
		 * @return this builder
		 */
		public Builder idleTimeout(Duration timeout) {
			this.idleTimeout = KernelLimits.positive(timeout, "idleTimeout");
			return this;
		}

		/**
		 * Set the most kernels this instance keeps at once; 64 by default.
		 * @param maxSessions the number
		 * @return this builder
		 */
		public Builder maxSessions(int maxSessions) {
			this.maxSessions = KernelLimits.atLeastOne(maxSessions, "maxSessions");
			return this;
		}

		/**
		 * Set the largest file of the code's taken back; 512 MB by default.
		 * @param bytes the size
		 * @return this builder
		 */
		public Builder maxFileSize(long bytes) {
			this.maxFileSize = KernelLimits.atLeastOne(bytes, "maxFileSize");
			return this;
		}

		/**
		 * Set the most characters of logs an execution keeps; 20,000 by default.
		 * @param characters the number
		 * @return this builder
		 */
		public Builder maxOutput(int characters) {
			this.maxOutput = KernelLimits.atLeastOne(characters, "maxOutput");
			return this;
		}

		/**
		 * Build the kernels; none starts until code runs.
		 * @return the kernels
		 */
		public JupyterServerKernels build() {
			return new JupyterServerKernels(this);
		}

	}

}
