package dev.assistants.api;

/**
 * The answer to deleting a vector store ({@code DeleteVectorStoreResponse}).
 *
 * @param id the ID of the deleted object
 * @param deleted whether the object was deleted
 * @param object the object type, always {@code vector_store.deleted}
 */
public record DeleteVectorStoreResponse(String id, boolean deleted, String object) {

}
