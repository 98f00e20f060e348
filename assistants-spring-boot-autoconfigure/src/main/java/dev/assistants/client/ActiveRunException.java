package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * The thread has an active run, so a message cannot be added (nor another run created) until it
 * stops: the server answered 400 "... while a run ... is active". Wait for the run with
 * {@link AssistantsOperations#pollRun(String, String)} or cancel it with
 * {@link AssistantsOperations#cancelActiveRuns(String)}, then try again.
 */
public class ActiveRunException extends BadRequestException {

	private final @Nullable String runId;

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param response what the answer said
	 * @param runId the ID of the active run, if the server named it
	 */
	public ActiveRunException(String message, ApiErrorResponse response, @Nullable String runId) {
		super(message, response);
		this.runId = runId;
	}

	/**
	 * The ID of the active run, as the server's message named it.
	 * @return the run ID, or {@code null} if the message did not name it
	 */
	public @Nullable String getRunId() {
		return this.runId;
	}

}
