package dev.assistants.api;

/**
 * Why a file could not be added to a vector store ({@code VectorStoreFileObject.last_error}).
 *
 * @param code the kind of failure
 * @param message what went wrong, for people
 */
public record VectorStoreFileError(VectorStoreFileErrorCode code, String message) {

}
