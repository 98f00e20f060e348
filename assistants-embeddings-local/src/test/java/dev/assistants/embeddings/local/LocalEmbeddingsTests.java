package dev.assistants.embeddings.local;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local model ranks texts by meaning, with no network.
 */
class LocalEmbeddingsTests {

	private final LocalEmbeddings embeddings = new LocalEmbeddings();

	@Test
	void nearInMeaningIsNearInSpace() {
		List<float[]> vectors = this.embeddings.embed(List.of("How do I catch an error and run cleanup code?",
				"The try statement specifies exception handlers and cleanup code for a group of statements.",
				"Whisk the eggs with sugar, then fold in the flour and bake for twenty minutes."));
		assertThat(vectors).hasSize(3).allSatisfy((vector) -> assertThat(vector).hasSize(384));
		double statement = cosine(vectors.get(0), vectors.get(1));
		double recipe = cosine(vectors.get(0), vectors.get(2));
		assertThat(statement).isGreaterThan(0.4);
		assertThat(recipe).isLessThan(0.25);
		assertThat(this.embeddings.model()).isEqualTo("all-minilm-l6-v2-q");
	}

	@Test
	void embedsTheSameTextTheSameWay() {
		float[] first = this.embeddings.embed(List.of("vector stores")).get(0);
		float[] second = this.embeddings.embed(List.of("vector stores")).get(0);
		assertThat(first).containsExactly(second);
	}

	private static double cosine(float[] a, float[] b) {
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			normA += a[i] * a[i];
			normB += b[i] * b[i];
		}
		return dot / Math.sqrt(normA * normB);
	}

}
