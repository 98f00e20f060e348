package dev.assistants.engine.store;

/**
 * An object the engine finds across projects, such as a file that expired: whose it is, and its ID.
 *
 * @param project the project that owns it
 * @param id its ID
 */
public record StoredObject(String project, String id) {
}
