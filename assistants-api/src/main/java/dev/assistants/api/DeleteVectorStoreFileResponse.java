package dev.assistants.api;

/**
 * The answer to deleting a file from a vector store ({@code DeleteVectorStoreFileResponse}).
 *
 * @param id the ID of the deleted object
 * @param deleted whether the object was deleted
 * @param object the object type, always {@code vector_store.file.deleted}
 */
public record DeleteVectorStoreFileResponse(String id, boolean deleted, String object) {

}
