package dev.assistants.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.assistants.engine.documents.Embeddings;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ChunkHit;
import dev.assistants.engine.store.ChunkSearch;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;

import static dev.assistants.engine.ApiObjects.NODES;

/**
 * Hybrid search of the chunks of vector stores, for the search endpoint and the
 * {@code file_search} tool. The store finds the best chunks by keywords (its full-text engine's
 * ranking) and, with an embedding model, the best by meaning (the cosine similarity of their
 * vectors to the query's); each chunk found either way is scored
 * {@value #VECTOR_WEIGHT} × its cosine similarity + (1 − {@value #VECTOR_WEIGHT}) × its keyword
 * score relative to the best keyword score among them, so that scores lie in 0–1 and a chunk that
 * matches both ways ranks first. Without an embedding model (or a store that compares vectors),
 * the score is the keyword score alone.
 */
final class FileSearch {

	private static final Log logger = LogFactory.getLog(FileSearch.class);

	/** The share of meaning in a hybrid score. */
	static final double VECTOR_WEIGHT = 0.7;

	/** How many chunks each way finds, per result asked for, before they are fused. */
	private static final int CANDIDATES_PER_RESULT = 4;

	private static final int MIN_CANDIDATES = 40;

	private final AssistantsStore store;

	private final @Nullable Embeddings embeddings;

	FileSearch(AssistantsStore store, @Nullable Embeddings embeddings) {
		this.store = store;
		this.embeddings = (embeddings != null && store.searchesVectors()) ? embeddings : null;
		if (embeddings != null && !store.searchesVectors()) {
			logger.warn("The store does not compare vectors: file search ranks by keywords only, and the embedding "
					+ "model " + embeddings.model() + " is not used");
		}
		else if (embeddings == null) {
			logger.info("No embedding model: file search ranks by keywords only");
		}
	}

	/** Whether searches compare meanings as well as keywords. */
	boolean hybrid() {
		return this.embeddings != null;
	}

	/** The embedding model chunks are embedded with, if any. */
	@Nullable Embeddings embeddings() {
		return this.embeddings;
	}

	/**
	 * Search vector stores of the project.
	 * @param queries the queries: a chunk's score is its best for any of them
	 * @param maxResults the most results
	 * @param scoreThreshold the lowest score a result may have
	 * @param filter a filter of the files by their attributes, or {@code null}
	 * @return the results, best first
	 */
	List<Result> search(String project, List<String> vectorStoreIds, List<String> queries, int maxResults,
			double scoreThreshold, @Nullable JsonNode filter) {
		Set<String> fileIds = (filter != null) ? filteredFiles(project, vectorStoreIds, filter) : null;
		int candidates = Math.max(MIN_CANDIDATES, maxResults * CANDIDATES_PER_RESULT);
		Map<String, Scored> best = new HashMap<>();
		for (String query : queries) {
			float[] vector = (this.embeddings != null) ? this.embeddings.embed(List.of(query)).get(0) : null;
			String model = (this.embeddings != null) ? this.embeddings.model() : null;
			List<ChunkHit> hits = this.store.inTransaction((tx) -> tx.searchChunks(
					new ChunkSearch(project, vectorStoreIds, fileIds, query, model, vector, candidates)));
			double bestKeyword = hits.stream().mapToDouble(ChunkHit::keywordScore).max().orElse(0);
			for (ChunkHit hit : hits) {
				double score = (vector == null) ? hit.keywordScore()
						: VECTOR_WEIGHT * Math.max(0, hit.vectorScore()) + (1 - VECTOR_WEIGHT)
								* ((bestKeyword > 0) ? hit.keywordScore() / bestKeyword : 0);
				String key = hit.vectorStoreId() + "/" + hit.fileId() + "/" + hit.index();
				best.merge(key, new Scored(hit, Math.min(1, score)), (a, b) -> (a.score >= b.score) ? a : b);
			}
		}
		List<Scored> ranked = best.values()
			.stream()
			.filter((scored) -> scored.score > 0 && scored.score >= scoreThreshold)
			.sorted(Comparator.comparingDouble(Scored::score).reversed()
				.thenComparing((scored) -> scored.hit.fileId())
				.thenComparingInt((scored) -> scored.hit.index()))
			.limit(maxResults)
			.toList();
		return describe(project, ranked);
	}

	/** The files of the vector stores whose attributes pass the filter. */
	private Set<String> filteredFiles(String project, List<String> vectorStoreIds, JsonNode filter) {
		return this.store.inTransaction((tx) -> {
			Set<String> passing = new HashSet<>();
			for (String vectorStoreId : vectorStoreIds) {
				for (var file : tx.list(ObjectKind.VECTOR_STORE_FILE, project, Scope.vectorStore(vectorStoreId))) {
					if (AttributeFilter.matches(filter, file.path("attributes"))) {
						passing.add(ApiObjects.id(file));
					}
				}
			}
			return passing;
		});
	}

	/** The results with their files' names and attributes. */
	private List<Result> describe(String project, List<Scored> ranked) {
		return this.store.inTransaction((tx) -> {
			Map<String, String> names = new LinkedHashMap<>();
			Map<String, JsonNode> attributes = new HashMap<>();
			List<Result> results = new ArrayList<>();
			for (Scored scored : ranked) {
				ChunkHit hit = scored.hit;
				String name = names.computeIfAbsent(hit.fileId(), (fileId) -> tx.find(ObjectKind.FILE, project, fileId)
					.map((file) -> file.path("filename").asString())
					.orElse(fileId));
				JsonNode fileAttributes = attributes.computeIfAbsent(hit.vectorStoreId() + "/" + hit.fileId(),
						(key) -> tx.find(ObjectKind.VECTOR_STORE_FILE, project,
								ObjectKind.vectorStoreFileKey(hit.vectorStoreId(), hit.fileId()))
							.map((file) -> file.path("attributes"))
							.orElse(NODES.objectNode()));
				results.add(new Result(hit.fileId(), name, scored.score, fileAttributes, hit.text()));
			}
			return results;
		});
	}

	private record Scored(ChunkHit hit, double score) {
	}

	/**
	 * A chunk found, with its file.
	 *
	 * @param fileId the file
	 * @param filename its name
	 * @param score how well the chunk matches, 0 to 1
	 * @param attributes the file's attributes in its vector store
	 * @param text the chunk's text
	 */
	record Result(String fileId, String filename, double score, JsonNode attributes, String text) {
	}

}
