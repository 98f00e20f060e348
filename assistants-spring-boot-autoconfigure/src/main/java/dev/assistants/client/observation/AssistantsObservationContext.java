package dev.assistants.client.observation;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.assistants.api.RunObject;

/**
 * What an observation of an operation knows: the operation, the server, the objects it is about,
 * and how it ended.
 */
public class AssistantsObservationContext extends Observation.Context {

	private final String operation;

	private final String serverAddress;

	private @Nullable String assistantId;

	private @Nullable String threadId;

	private @Nullable String runId;

	private @Nullable Integer status;

	private @Nullable String requestId;

	private boolean cancelled;

	private @Nullable RunObject run;

	private @Nullable Long remainingRequests;

	private @Nullable Long remainingTokens;

	private final List<String> retryCauses = new ArrayList<>();

	/**
	 * Create a context.
	 * @param operation the operation, as the specification names it
	 * @param serverAddress the host (and port) of the server
	 */
	public AssistantsObservationContext(String operation, String serverAddress) {
		this.operation = operation;
		this.serverAddress = serverAddress;
	}

	public String getOperation() {
		return this.operation;
	}

	public String getServerAddress() {
		return this.serverAddress;
	}

	public @Nullable String getAssistantId() {
		return this.assistantId;
	}

	public void setAssistantId(@Nullable String assistantId) {
		this.assistantId = assistantId;
	}

	public @Nullable String getThreadId() {
		return this.threadId;
	}

	public void setThreadId(@Nullable String threadId) {
		this.threadId = threadId;
	}

	public @Nullable String getRunId() {
		return this.runId;
	}

	public void setRunId(@Nullable String runId) {
		this.runId = runId;
	}

	/**
	 * The HTTP status of the last answer.
	 * @return the status, or {@code null} if no answer came
	 */
	public @Nullable Integer getStatus() {
		return this.status;
	}

	public void setStatus(@Nullable Integer status) {
		this.status = status;
	}

	public @Nullable String getRequestId() {
		return this.requestId;
	}

	public void setRequestId(@Nullable String requestId) {
		this.requestId = requestId;
	}

	/**
	 * Whether the subscriber cancelled the call before it ended.
	 * @return {@code true} if cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	public void setCancelled(boolean cancelled) {
		this.cancelled = cancelled;
	}

	/**
	 * The run the call returned or, for a stream, the run as its last run event described it.
	 * @return the run, or {@code null}
	 */
	public @Nullable RunObject getRun() {
		return this.run;
	}

	public void setRun(@Nullable RunObject run) {
		this.run = run;
	}

	/**
	 * The requests the server still allows in its rate-limit window, from the last answer's
	 * {@code x-ratelimit-remaining-requests} header.
	 * @return the remaining requests, or {@code null} if the server did not say
	 */
	public @Nullable Long getRemainingRequests() {
		return this.remainingRequests;
	}

	public void setRemainingRequests(@Nullable Long remainingRequests) {
		this.remainingRequests = remainingRequests;
	}

	/**
	 * The tokens the server still allows in its rate-limit window, from the last answer's
	 * {@code x-ratelimit-remaining-tokens} header.
	 * @return the remaining tokens, or {@code null} if the server did not say
	 */
	public @Nullable Long getRemainingTokens() {
		return this.remainingTokens;
	}

	public void setRemainingTokens(@Nullable Long remainingTokens) {
		this.remainingTokens = remainingTokens;
	}

	/**
	 * Why each retry of the call happened: the failed attempt's HTTP status or exception name.
	 * @return the causes, one per retry
	 */
	public List<String> getRetryCauses() {
		return this.retryCauses;
	}

}
