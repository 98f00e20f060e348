package dev.assistants.engine.store;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a file's text in a vector store, as searches find it.
 *
 * @param index its place in the file, from 0
 * @param text its text
 * @param model the embedding model its vector is from, or {@code null} if it has none
 * @param vector its embedding, or {@code null}
 */
public record Chunk(int index, String text, @Nullable String model, float @Nullable [] vector) {

	public Chunk {
		Objects.requireNonNull(text, "text must not be null");
		if ((model == null) != (vector == null)) {
			throw new IllegalArgumentException("a chunk has both a model and a vector, or neither");
		}
	}

}
