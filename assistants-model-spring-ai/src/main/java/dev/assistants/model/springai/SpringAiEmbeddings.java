package dev.assistants.model.springai;

import java.util.List;
import java.util.Objects;

import org.springframework.ai.embedding.EmbeddingModel;

import dev.assistants.engine.documents.Embeddings;

/**
 * File search's embeddings from a Spring AI {@link EmbeddingModel}: any provider Spring AI
 * speaks, such as an OpenAI-compatible {@code /v1/embeddings} or Ollama.
 */
public final class SpringAiEmbeddings implements Embeddings {

	private final EmbeddingModel model;

	private final String name;

	/**
	 * Create embeddings from a Spring AI embedding model.
	 * @param model the embedding model
	 * @param name the model's name, kept with each vector so that vectors of another model (after
	 * the configuration changes) are never compared with its own, such as
	 * {@code text-embedding-3-small}
	 */
	public SpringAiEmbeddings(EmbeddingModel model, String name) {
		this.model = Objects.requireNonNull(model, "model must not be null");
		this.name = Objects.requireNonNull(name, "name must not be null");
	}

	@Override
	public String model() {
		return this.name;
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		return this.model.embed(texts);
	}

}
