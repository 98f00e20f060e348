package dev.assistants.api;

/**
 * The answer to deleting a thread ({@code DeleteThreadResponse}).
 *
 * @param id the ID of the deleted object
 * @param deleted whether the object was deleted
 * @param object the object type, always {@code thread.deleted}
 */
public record DeleteThreadResponse(String id, boolean deleted, String object) {
}
