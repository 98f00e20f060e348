package dev.assistants.api;

/**
 * A piece of a file's text, as searches return it and as a vector store holds it
 * ({@code VectorStoreSearchResultContentObject}, the items of
 * {@code VectorStoreFileContentResponse.data}).
 *
 * @param type the content type, {@code text}
 * @param text the text
 */
public record VectorStoreContent(String type, String text) {

}
