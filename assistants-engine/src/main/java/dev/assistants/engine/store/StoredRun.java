package dev.assistants.engine.store;

/**
 * Where a run is: what the engine needs to pick it up again after a restart.
 *
 * @param project the project that owns it
 * @param threadId its thread
 * @param runId the run
 * @param status its status
 * @param expiresAt its {@code expires_at}, in Unix seconds
 */
public record StoredRun(String project, String threadId, String runId, String status, long expiresAt) {
}
