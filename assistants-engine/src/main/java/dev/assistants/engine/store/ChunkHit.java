package dev.assistants.engine.store;

/**
 * A chunk a search found, with how well it matches each way.
 *
 * @param vectorStoreId its vector store
 * @param fileId its file
 * @param index its place in the file
 * @param text its text
 * @param keywordScore how well its words match the query's, from 0 (not at all) towards 1
 * @param vectorScore the cosine similarity of its vector to the query's, 0 if either has none
 */
public record ChunkHit(String vectorStoreId, String fileId, int index, String text, double keywordScore,
		double vectorScore) {

}
