package dev.assistants.api;

/**
 * The answer to deleting a message ({@code DeleteMessageResponse}).
 *
 * @param id the ID of the deleted object
 * @param deleted whether the object was deleted
 * @param object the object type, always {@code thread.message.deleted}
 */
public record DeleteMessageResponse(String id, boolean deleted, String object) {
}
