package dev.assistants.embeddings.local;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import dev.assistants.engine.documents.Embeddings;

/**
 * all-MiniLM-L6-v2, quantized (384 dimensions), run in this process on ONNX Runtime: semantic
 * search with no network and no other server. The model, about 23 MB, loads when this is created
 * (about a second); a sentence embeds in a few milliseconds. Texts longer than the model's 256
 * word pieces are embedded by their parts' average.
 */
public final class LocalEmbeddings implements Embeddings {

	/** The model's name, as its vectors are kept with. */
	public static final String MODEL = "all-minilm-l6-v2-q";

	// embeds on the calling thread: the engine calls it off the event loop, as many at once as it ingests
	private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);

	@Override
	public String model() {
		return MODEL;
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		return this.model.embedAll(texts.stream().map(TextSegment::from).toList())
			.content()
			.stream()
			.map(Embedding::vector)
			.toList();
	}

}
