package dev.assistants.api;

/**
 * The answer to deleting a file ({@code DeleteFileResponse}).
 *
 * @param id the ID of the deleted object
 * @param deleted whether the object was deleted
 * @param object the object type, always {@code file}
 */
public record DeleteFileResponse(String id, boolean deleted, String object) {

}
