package dev.assistants.engine.documents;

import java.util.List;

/**
 * Turns text into vectors whose cosine similarity says how near in meaning two texts are: what
 * file search compares a query with the chunks of files by, beside their keywords.
 * <p>
 * Called off the event loop; it may block.
 */
public interface Embeddings {

	/**
	 * The model's name, kept with each vector: vectors of different models are never compared.
	 * @return the name
	 */
	String model();

	/**
	 * Embed texts.
	 * @param texts the texts
	 * @return one vector per text, in the same order
	 */
	List<float[]> embed(List<String> texts);

}
