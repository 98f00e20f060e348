package dev.assistants.server.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Assistants server.
 */
@ConfigurationProperties(AssistantsServerProperties.PREFIX)
public class AssistantsServerProperties {

	/** The prefix of the server's properties. */
	public static final String PREFIX = "assistants.server";

	/** The property that turns the whole server off. */
	static final String ENABLED = PREFIX + ".enabled";

	/**
	 * Whether to serve the Assistants API at /v1.
	 */
	private boolean enabled = true;

	/**
	 * API keys that may call the server, each with the project it works in. Without any, the server
	 * runs in a development mode: one project, every request accepted, on the loopback interface
	 * unless server.address is set.
	 */
	private final List<ApiKey> apiKeys = new ArrayList<>();

	/**
	 * Largest request body accepted; a larger one is answered with a 413.
	 */
	private DataSize maxRequestSize = DataSize.ofMegabytes(4);

	/**
	 * Largest file accepted, uploaded whole or as the sum of an upload's parts; a larger one is
	 * answered with a 413 as its bytes cross the limit (they stream to the store, never held whole
	 * in memory).
	 */
	private DataSize maxFileSize = DataSize.ofMegabytes(512);

	/**
	 * Longest pause allowed between two reads of a request's body; a client that stalls longer
	 * while sending it has its connection closed, so that stalled clients cannot pile up
	 * connections.
	 */
	private Duration requestReadTimeout = Duration.ofSeconds(30);

	/**
	 * Interval clients are asked to wait between two reads of a run, sent as openai-poll-after-ms.
	 */
	private Duration pollInterval = Duration.ofMillis(250);

	/**
	 * Time after its creation when a run that has not stopped expires (its expires_at).
	 */
	private Duration runExpiry = Duration.ofMinutes(10);

	/**
	 * What answers runs: 'deterministic' (offline, no model), or 'spring-ai' (the application's
	 * Spring AI chat model, such as spring.ai.openai.*).
	 */
	private ModelKind model = ModelKind.DETERMINISTIC;

	/**
	 * Longest wait for the model's first output of a turn, and between two outputs; a model that
	 * takes longer fails the run with server_error.
	 */
	private Duration modelTimeout = Duration.ofMinutes(2);

	/**
	 * Model to ask the chat model for instead of a run's model, by the run's model, such as
	 * assistants.server.model-aliases.gpt-4o=llama3.2; other models are asked for as they are.
	 */
	private final Map<String, String> modelAliases = new LinkedHashMap<>();

	/**
	 * What to do with a run whose tools include one the server cannot run (code_interpreter when it
	 * has no code executor): 'reject' answers its creation with a 400, 'ignore' accepts it and the
	 * model never calls that tool.
	 */
	private UnsupportedTools unsupportedTools = UnsupportedTools.REJECT;

	/**
	 * What embeds the chunks of files for file search, which ranks them by meaning as well as by
	 * keywords: 'local' (all-MiniLM-L6-v2 in the server's process, offline; the default when
	 * assistants-embeddings-local is on the class path), 'spring-ai' (the application's Spring AI
	 * embedding model, such as an OpenAI-compatible /v1/embeddings or Ollama), or 'none' (keywords
	 * only).
	 */
	private @Nullable EmbeddingKind embedding;

	/**
	 * Name of the Spring AI embedding model, kept with each vector: vectors of another name are
	 * never compared, so change it with the model (files are then searched by meaning again once
	 * re-added). The embedding model's class name when unset.
	 */
	private @Nullable String embeddingModelName;

	/**
	 * How many files this instance ingests into vector stores at once.
	 */
	private int ingestionConcurrency = Math.max(1, Runtime.getRuntime().availableProcessors());

	/**
	 * Most characters of text read from one file added to a vector store; a file with more fails
	 * with invalid_file.
	 */
	private int maxFileCharacters = 20_000_000;

	/**
	 * Longest time reading one file's text may take; a file that takes longer fails with
	 * invalid_file.
	 */
	private Duration fileReadTimeout = Duration.ofMinutes(2);

	/**
	 * ID of this server instance among those that share its database, which holds the runs it
	 * executes by it; a random one per start when unset. Each instance needs its own.
	 */
	private @Nullable String instanceId;

	/**
	 * How long the lease on a run an instance executes lasts unless renewed (it renews three times
	 * as often): when an instance dies, another one takes its runs over within this time and a
	 * second.
	 */
	private Duration runLease = Duration.ofSeconds(10);

	private final RateLimits rateLimits = new RateLimits();

	private final Deterministic deterministic = new Deterministic();

	private final CodeInterpreter codeInterpreter = new CodeInterpreter();

	private final Console console = new Console();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getMaxFileSize() {
		return this.maxFileSize;
	}

	public void setMaxFileSize(DataSize maxFileSize) {
		this.maxFileSize = maxFileSize;
	}

	public Duration getRequestReadTimeout() {
		return this.requestReadTimeout;
	}

	public void setRequestReadTimeout(Duration requestReadTimeout) {
		this.requestReadTimeout = requestReadTimeout;
	}

	public Console getConsole() {
		return this.console;
	}

	public CodeInterpreter getCodeInterpreter() {
		return this.codeInterpreter;
	}

	public Deterministic getDeterministic() {
		return this.deterministic;
	}

	public List<ApiKey> getApiKeys() {
		return this.apiKeys;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getRunExpiry() {
		return this.runExpiry;
	}

	public void setRunExpiry(Duration runExpiry) {
		this.runExpiry = runExpiry;
	}

	public ModelKind getModel() {
		return this.model;
	}

	public void setModel(ModelKind model) {
		this.model = model;
	}

	public Duration getModelTimeout() {
		return this.modelTimeout;
	}

	public void setModelTimeout(Duration modelTimeout) {
		this.modelTimeout = modelTimeout;
	}

	public RateLimits getRateLimits() {
		return this.rateLimits;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public Duration getRunLease() {
		return this.runLease;
	}

	public void setRunLease(Duration runLease) {
		this.runLease = runLease;
	}

	public Map<String, String> getModelAliases() {
		return this.modelAliases;
	}

	public @Nullable EmbeddingKind getEmbedding() {
		return this.embedding;
	}

	public void setEmbedding(@Nullable EmbeddingKind embedding) {
		this.embedding = embedding;
	}

	public @Nullable String getEmbeddingModelName() {
		return this.embeddingModelName;
	}

	public void setEmbeddingModelName(@Nullable String embeddingModelName) {
		this.embeddingModelName = embeddingModelName;
	}

	public int getIngestionConcurrency() {
		return this.ingestionConcurrency;
	}

	public void setIngestionConcurrency(int ingestionConcurrency) {
		this.ingestionConcurrency = ingestionConcurrency;
	}

	public int getMaxFileCharacters() {
		return this.maxFileCharacters;
	}

	public void setMaxFileCharacters(int maxFileCharacters) {
		this.maxFileCharacters = maxFileCharacters;
	}

	public Duration getFileReadTimeout() {
		return this.fileReadTimeout;
	}

	public void setFileReadTimeout(Duration fileReadTimeout) {
		this.fileReadTimeout = fileReadTimeout;
	}

	public UnsupportedTools getUnsupportedTools() {
		return this.unsupportedTools;
	}

	public void setUnsupportedTools(UnsupportedTools unsupportedTools) {
		this.unsupportedTools = unsupportedTools;
	}

	/**
	 * What answers runs.
	 */
	public enum ModelKind {

		/** The built-in deterministic model: offline, nothing to configure. */
		DETERMINISTIC,

		/** The application's Spring AI chat model. */
		SPRING_AI

	}

	/**
	 * What embeds the chunks of files for file search.
	 */
	public enum EmbeddingKind {

		/** all-MiniLM-L6-v2 in the server's process. */
		LOCAL,

		/** The application's Spring AI embedding model. */
		SPRING_AI,

		/** None: file search ranks by keywords only. */
		NONE

	}

	/**
	 * What to do with a run that has a tool the server cannot run.
	 */
	public enum UnsupportedTools {

		/** Refuse to create the run, with a 400. */
		REJECT,

		/** Create the run; the model never calls the tool. */
		IGNORE

	}

	/**
	 * How many requests each API key may make, as OpenAI limited them.
	 */
	public static class RateLimits {

		/**
		 * Requests each API key may make per minute, in each server instance, unless its own
		 * requests-per-minute says otherwise; 0 for no limit. A request over it is answered with a
		 * 429 and retry-after-ms.
		 */
		private int requestsPerMinute;

		public int getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		public void setRequestsPerMinute(int requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

	}

	/**
	 * The web console at /.
	 */
	public static class Console {

		/**
		 * Whether to serve the web console at /; when unset, it is served in development mode (no
		 * API keys configured) only.
		 */
		private @Nullable Boolean enabled;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The code_interpreter tool: Python in Jupyter kernels, each thread's in a sandboxed session of
	 * its own on this host (bubblewrap).
	 */
	public static class CodeInterpreter {

		/**
		 * Whether to run code_interpreter calls, when bubblewrap and Jupyter's Python kernel are
		 * installed (Debian: bubblewrap python3-ipykernel python3-jupyter-client).
		 */
		private boolean enabled = true;

		/**
		 * Where the sessions' directories are made, each one's /mnt/data; assistants-code in the
		 * temporary directory when unset. The sandboxes' user must be able to pass through its
		 * parents.
		 */
		private @Nullable String workDirectory;

		/**
		 * Longest an execution runs; past it, it is interrupted and its logs say so.
		 */
		private Duration executionTimeout = Duration.ofSeconds(60);

		/**
		 * How long a thread's session, with its variables and files, lives without running code.
		 */
		private Duration idleTimeout = Duration.ofHours(1);

		/**
		 * Most sessions at once on this instance; a new one beyond them ends the least recently used
		 * idle one. With memory, what bounds the memory code can take.
		 */
		private int maxSessions = 16;

		/**
		 * Address space of a session's kernel; an allocation beyond it fails with a MemoryError.
		 */
		private DataSize memory = DataSize.ofGigabytes(1);

		/**
		 * CPU time of each process of a session (the kernel: all its executions together; a process
		 * the code starts: its own); past it, the process is killed and a killed kernel restarts.
		 */
		private Duration cpuTime = Duration.ofMinutes(10);

		/**
		 * Most processes and threads in a session's sandbox.
		 */
		private int processes = 64;

		/**
		 * Largest file the code may write.
		 */
		private DataSize maxFileSize = DataSize.ofMegabytes(512);

		/**
		 * Most characters of logs an execution keeps; the rest is dropped and the logs say how much.
		 */
		private int maxOutput = 20_000;

		/**
		 * User ID the sandboxes run as when the server runs as root.
		 */
		private int sandboxUid = 65534;

		/**
		 * Group ID the sandboxes run as when the server runs as root.
		 */
		private int sandboxGid = 65534;

		private final JupyterServer jupyterServer = new JupyterServer();

		public JupyterServer getJupyterServer() {
			return this.jupyterServer;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getWorkDirectory() {
			return this.workDirectory;
		}

		public void setWorkDirectory(@Nullable String workDirectory) {
			this.workDirectory = workDirectory;
		}

		public Duration getExecutionTimeout() {
			return this.executionTimeout;
		}

		public void setExecutionTimeout(Duration executionTimeout) {
			this.executionTimeout = executionTimeout;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
		}

		public DataSize getMemory() {
			return this.memory;
		}

		public void setMemory(DataSize memory) {
			this.memory = memory;
		}

		public Duration getCpuTime() {
			return this.cpuTime;
		}

		public void setCpuTime(Duration cpuTime) {
			this.cpuTime = cpuTime;
		}

		public int getProcesses() {
			return this.processes;
		}

		public void setProcesses(int processes) {
			this.processes = processes;
		}

		public DataSize getMaxFileSize() {
			return this.maxFileSize;
		}

		public void setMaxFileSize(DataSize maxFileSize) {
			this.maxFileSize = maxFileSize;
		}

		public int getMaxOutput() {
			return this.maxOutput;
		}

		public void setMaxOutput(int maxOutput) {
			this.maxOutput = maxOutput;
		}

		public int getSandboxUid() {
			return this.sandboxUid;
		}

		public void setSandboxUid(int sandboxUid) {
			this.sandboxUid = sandboxUid;
		}

		public int getSandboxGid() {
			return this.sandboxGid;
		}

		public void setSandboxGid(int sandboxGid) {
			this.sandboxGid = sandboxGid;
		}

	}

	/**
	 * A Jupyter Server (or Kernel Gateway, Enterprise Gateway) whose kernels run the code instead of
	 * sandboxes on this host.
	 */
	public static class JupyterServer {

		/**
		 * The server's URL, such as http://gateway:8888; when set, code runs in its kernels.
		 */
		private @Nullable String url;

		/**
		 * The token the server asks for; never logged or shown.
		 */
		private @Nullable String token;

		/**
		 * The kernelspec of new kernels.
		 */
		private String kernelName = "python3";

		/**
		 * The directory of the code's files, as the kernels see it; they start in it and must be able
		 * to write it.
		 */
		private String dataDirectory = "/mnt/data";

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public String getKernelName() {
			return this.kernelName;
		}

		public void setKernelName(String kernelName) {
			this.kernelName = kernelName;
		}

		public String getDataDirectory() {
			return this.dataDirectory;
		}

		public void setDataDirectory(String dataDirectory) {
			this.dataDirectory = dataDirectory;
		}

	}

	/**
	 * The deterministic model, which answers runs when no other model is configured.
	 */
	public static class Deterministic {

		/**
		 * Pause before each of the model's outputs, such as 200ms, so that clients and demos see
		 * runs in progress and can cancel them; none by default.
		 */
		private Duration latency = Duration.ZERO;

		public Duration getLatency() {
			return this.latency;
		}

		public void setLatency(Duration latency) {
			this.latency = latency;
		}

	}

	/**
	 * An API key and the project it works in.
	 */
	public static class ApiKey {

		/**
		 * The key, as clients send it, or "sha256:" and the hex SHA-256 of the key, so that the
		 * configuration need not hold the key itself.
		 */
		private @Nullable String key;

		/**
		 * Project the key works in: its objects are those created with a key of the same project.
		 */
		private @Nullable String project;

		/**
		 * Requests this key may make per minute, instead of
		 * assistants.server.rate-limits.requests-per-minute; 0 for no limit.
		 */
		private @Nullable Integer requestsPerMinute;

		public @Nullable Integer getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		public void setRequestsPerMinute(@Nullable Integer requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public @Nullable String getProject() {
			return this.project;
		}

		public void setProject(@Nullable String project) {
			this.project = project;
		}

		@Override
		public String toString() {
			return "ApiKey[project=" + this.project + "]";
		}

	}

}
