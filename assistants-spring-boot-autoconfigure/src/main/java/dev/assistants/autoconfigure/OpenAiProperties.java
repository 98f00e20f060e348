package dev.assistants.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.assistants.client.AuthStyle;
import dev.assistants.client.PollOptions;
import dev.assistants.client.RetrySettings;
import dev.assistants.tools.ToolCallOptions;
import dev.assistants.tools.ToolErrorHandling;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the Assistants API client ({@code openai.*}). The environment
 * variables {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL} bind to {@code openai.api-key} and
 * {@code openai.base-url} through relaxed binding.
 */
@ConfigurationProperties("openai")
public class OpenAiProperties {

	/**
	 * Whether to auto-configure the Assistants API client.
	 */
	private boolean enabled = true;

	/**
	 * API key sent with every request. When unset, no authentication header is sent, which suits
	 * local servers such as the embedded emulator.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the API: OpenAI's, or that of an OpenAI-compatible server (OpenAI retired its hosted
	 * Assistants API on 2026-08-26).
	 */
	private String baseUrl = "https://api.openai.com/v1";

	/**
	 * How the API key is sent: 'bearer' as "Authorization: Bearer <key>", or 'api-key' as an
	 * "api-key" header (Azure style).
	 */
	private AuthStyle authStyle = AuthStyle.BEARER;

	/**
	 * Organization sent as the "OpenAI-Organization" header.
	 */
	private @Nullable String organization;

	/**
	 * Project sent as the "OpenAI-Project" header.
	 */
	private @Nullable String project;

	/**
	 * Extra headers sent with every request, replacing the client's own headers of the same name.
	 * Use the bracket notation for names with capitals, e.g. 'openai.headers.[X-Tenant]=acme'.
	 */
	private final Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Time allowed to establish a connection.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Time allowed for the response to arrive once a request is sent.
	 */
	private Duration responseTimeout = Duration.ofSeconds(60);

	/**
	 * Time allowed for a whole call, all its attempts and the waits between them included. When
	 * unset, each attempt is bounded by the connect and response timeouts only.
	 */
	private @Nullable Duration timeout;

	/**
	 * Largest response body that is read, and largest event of a streamed run; a larger one fails
	 * the call.
	 */
	private DataSize maxInMemorySize = DataSize.ofMegabytes(10);

	/**
	 * Largest number of connections opened to the server, each held by one call or stream in flight;
	 * further calls wait for a free one. An open stream holds its connection until it ends.
	 */
	private int maxConnections = 100;

	/**
	 * Longest wait for a free connection when all 'openai.max-connections' are in use; a call that
	 * waits longer fails with an AssistantsConnectionException that is not retried.
	 */
	private Duration connectionAcquireTimeout = Duration.ofSeconds(10);

	/**
	 * Whether to log what goes over each connection, at DEBUG level on the logger
	 * 'dev.assistants.client.wiretap', with the API key and authentication headers redacted.
	 */
	private boolean wiretap;

	private final Retry retry = new Retry();

	private final Stream stream = new Stream();

	private final Polling polling = new Polling();

	private final Tools tools = new Tools();

	private final Health health = new Health();

	private final Ssl ssl = new Ssl();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public AuthStyle getAuthStyle() {
		return this.authStyle;
	}

	public void setAuthStyle(AuthStyle authStyle) {
		this.authStyle = authStyle;
	}

	public @Nullable String getOrganization() {
		return this.organization;
	}

	public void setOrganization(@Nullable String organization) {
		this.organization = organization;
	}

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Duration getConnectionAcquireTimeout() {
		return this.connectionAcquireTimeout;
	}

	public void setConnectionAcquireTimeout(Duration connectionAcquireTimeout) {
		this.connectionAcquireTimeout = connectionAcquireTimeout;
	}

	public boolean isWiretap() {
		return this.wiretap;
	}

	public void setWiretap(boolean wiretap) {
		this.wiretap = wiretap;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Stream getStream() {
		return this.stream;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Polling getPolling() {
		return this.polling;
	}

	public Tools getTools() {
		return this.tools;
	}

	public Health getHealth() {
		return this.health;
	}

	public DataSize getMaxInMemorySize() {
		return this.maxInMemorySize;
	}

	public void setMaxInMemorySize(DataSize maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
	}

	/**
	 * How failed calls are retried.
	 */
	public static class Retry {

		/**
		 * How many times a failed call is retried after its first attempt: failures before an
		 * answer, and 408, 409, 429 and 5xx answers (or as the server's x-should-retry header says).
		 */
		private int maxRetries = 2;

		/**
		 * Delay before the first retry; it doubles for each further retry.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(8);

		/**
		 * Largest fraction, 0 to 1, by which a delay is randomly shortened.
		 */
		private double jitter = 0.25;

		/**
		 * Longest delay asked for by the server (retry-after-ms, Retry-After) that is waited for;
		 * when the server asks for more, the call fails at once.
		 */
		private Duration maxServerDelay = Duration.ofSeconds(60);

		/**
		 * Whether each POST carries an Idempotency-Key header, the same on each of its retries.
		 */
		private boolean idempotencyKeys;

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Duration getMaxServerDelay() {
			return this.maxServerDelay;
		}

		public void setMaxServerDelay(Duration maxServerDelay) {
			this.maxServerDelay = maxServerDelay;
		}

		public boolean isIdempotencyKeys() {
			return this.idempotencyKeys;
		}

		public void setIdempotencyKeys(boolean idempotencyKeys) {
			this.idempotencyKeys = idempotencyKeys;
		}

		RetrySettings toSettings() {
			return new RetrySettings(this.maxRetries, this.initialBackoff, this.maxBackoff, this.jitter,
					this.maxServerDelay);
		}

	}

	/**
	 * TLS of the connections to the server.
	 */
	public static class Ssl {

		/**
		 * SSL bundle (spring.ssl.bundle.*) of the connections: the trust material of a server with
		 * a private CA or a self-signed certificate, and the client's key and certificate for
		 * mutual TLS. The JDK's defaults when unset.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Streamed runs.
	 */
	public static class Stream {

		/**
		 * Longest wait for the next event of a streamed run; a longer silence fails the stream.
		 */
		private Duration idleTimeout = Duration.ofSeconds(60);

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

	}

	/**
	 * Polling of runs by pollRun and the ...AndPoll operations.
	 */
	public static class Polling {

		/**
		 * Delay between two reads of a run when the server sends no openai-poll-after-ms header.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * Longest time a run is polled before the call fails.
		 */
		private Duration timeout = Duration.ofMinutes(10);

		/**
		 * Whether to cancel the run when polling times out.
		 */
		private boolean cancelOnTimeout;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isCancelOnTimeout() {
			return this.cancelOnTimeout;
		}

		public void setCancelOnTimeout(boolean cancelOnTimeout) {
			this.cancelOnTimeout = cancelOnTimeout;
		}

		PollOptions toOptions() {
			return new PollOptions(this.interval, this.timeout, this.cancelOnTimeout);
		}

	}

	/**
	 * The tool-call loop of AssistantToolCalls.
	 */
	public static class Tools {

		/**
		 * Most rounds of tool outputs submitted for one run before the loop gives up.
		 */
		private int maxRounds = 10;

		/**
		 * What to do when a run calls an unknown function or a function fails: 'report' answers
		 * the call with {"error": "..."} for the model, 'fail' stops the loop with an exception.
		 */
		private ToolErrorHandling onError = ToolErrorHandling.REPORT;

		/**
		 * Longest time a function may take to answer a call; one that takes longer is answered as
		 * one that failed.
		 */
		private Duration functionTimeout = Duration.ofSeconds(60);

		/**
		 * Whether to cancel the run when the loop gives up (too many rounds, a failed call with
		 * on-error 'fail', or the subscriber cancels), so that its thread takes new messages again.
		 */
		private boolean cancelOnFailure = true;

		/**
		 * Whether the application's Spring AI ToolCallback and ToolCallbackProvider beans (so its
		 * '@Tool' methods) answer function calls too, when Spring AI is on the classpath.
		 */
		private boolean springAi = true;

		public int getMaxRounds() {
			return this.maxRounds;
		}

		public void setMaxRounds(int maxRounds) {
			this.maxRounds = maxRounds;
		}

		public ToolErrorHandling getOnError() {
			return this.onError;
		}

		public void setOnError(ToolErrorHandling onError) {
			this.onError = onError;
		}

		public Duration getFunctionTimeout() {
			return this.functionTimeout;
		}

		public void setFunctionTimeout(Duration functionTimeout) {
			this.functionTimeout = functionTimeout;
		}

		public boolean isCancelOnFailure() {
			return this.cancelOnFailure;
		}

		public void setCancelOnFailure(boolean cancelOnFailure) {
			this.cancelOnFailure = cancelOnFailure;
		}

		public boolean isSpringAi() {
			return this.springAi;
		}

		public void setSpringAi(boolean springAi) {
			this.springAi = springAi;
		}

		ToolCallOptions toOptions() {
			return new ToolCallOptions(this.maxRounds, this.onError, this.functionTimeout, this.cancelOnFailure);
		}

	}

	/**
	 * The openai health indicator.
	 */
	public static class Health {

		/**
		 * Longest time the health check's call to the server may take.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
