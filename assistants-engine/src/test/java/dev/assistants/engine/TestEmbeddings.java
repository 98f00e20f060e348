package dev.assistants.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.assistants.engine.documents.Embeddings;

/**
 * Embeddings for tests that know a few synonyms: each word adds to the dimension of its concept
 * (words of no listed concept to a dimension of their own hash), so that "reimbursement" is near
 * "refund" although they share no letters, and the vectors of two texts are as near as their
 * concepts.
 */
public final class TestEmbeddings implements Embeddings {

	private static final int DIMENSIONS = 64;

	private static final Map<String, Integer> CONCEPTS = Map.of("refund", 0, "refunds", 0, "reimbursement", 0,
			"repayment", 0, "money", 0, "ship", 1, "shipping", 1, "delivery", 1, "courier", 1);

	@Override
	public String model() {
		return "test-synonyms";
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (String text : texts) {
			float[] vector = new float[DIMENSIONS];
			for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+")) {
				if (word.length() > 3) {
					Integer concept = CONCEPTS.get(word);
					vector[(concept != null) ? concept : 2 + Math.floorMod(word.hashCode(), DIMENSIONS - 2)] += 1;
				}
			}
			vectors.add(vector);
		}
		return vectors;
	}

}
