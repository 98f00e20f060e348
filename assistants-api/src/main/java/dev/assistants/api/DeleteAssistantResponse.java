package dev.assistants.api;

/**
 * The answer to deleting an assistant ({@code DeleteAssistantResponse}).
 *
 * @param id the ID of the deleted object
 * @param deleted whether the object was deleted
 * @param object the object type, always {@code assistant.deleted}
 */
public record DeleteAssistantResponse(String id, boolean deleted, String object) {
}
