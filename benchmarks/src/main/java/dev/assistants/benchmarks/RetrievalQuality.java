package dev.assistants.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import dev.assistants.embeddings.local.LocalEmbeddings;
import dev.assistants.engine.AssistantsEngine;
import dev.assistants.engine.store.ChunkHit;
import dev.assistants.engine.store.ChunkSearch;
import dev.assistants.model.deterministic.DeterministicModel;
import dev.assistants.store.memory.InMemoryStore;

/**
 * How well file search finds the page that answers a question: the Python 3.11 documentation
 * (tutorial, HOWTOs and library reference, 351 pages that no one here wrote, from Debian's
 * {@code python3.11-doc}) in one vector store, and 55 questions in users' own words, each with the
 * pages that answer it ({@code retrieval/python-docs-questions.tsv}). For keyword search alone
 * (Lucene's BM25 over the chunks), the local embedding model alone (all-MiniLM-L6-v2, cosine
 * similarity) and the server's hybrid search (its {@code POST /v1/vector_stores/{id}/search}), it
 * prints recall@5 (the share of questions with an answering page among the first five pages
 * found) and MRR (the mean of 1 / the rank of the first answering page, 0 past the twentieth).
 * <p>
 * {@code java ... RetrievalQuality [/usr/share/doc/python3.11/html/_sources]}
 */
public final class RetrievalQuality {

	private static final int RESULTS = 20;

	private static final String PROJECT = "default";

	private RetrievalQuality() {
	}

	public static void main(String[] args) throws Exception {
		Path corpus = Path.of((args.length > 0) ? args[0] : "/usr/share/doc/python3.11/html/_sources");
		if (!Files.isDirectory(corpus.resolve("library"))) {
			throw new IllegalStateException("No Python documentation at " + corpus
					+ ": install Debian's python3.11-doc, or give the path of its html/_sources");
		}
		List<Question> questions = questions();
		LocalEmbeddings embeddings = new LocalEmbeddings();
		try (InMemoryStore store = new InMemoryStore();
				AssistantsEngine engine = AssistantsEngine.builder(store, new DeterministicModel())
					.embeddings(embeddings)
					.build();
				EngineApi api = new EngineApi(engine)) {
			long started = System.nanoTime();
			Map<String, String> pages = ingest(api, corpus);
			System.out.printf("Ingested %d pages in %.0f s%n", pages.size(), (System.nanoTime() - started) / 1e9);
			String vectorStoreId = pages.remove("");
			Function<String, String> page = (fileId) -> pages.getOrDefault(fileId, fileId);
			Score keyword = new Score("keyword (BM25)");
			Score vector = new Score("local model (all-MiniLM-L6-v2)");
			Score hybrid = new Score("hybrid (the server's search)");
			for (Question question : questions) {
				List<ChunkHit> keywordHits = store.inTransaction((tx) -> tx.searchChunks(new ChunkSearch(PROJECT,
						List.of(vectorStoreId), null, question.text(), null, null, RESULTS)));
				keyword.add(question, pagesOf(keywordHits.stream()
					.sorted((a, b) -> Double.compare(b.keywordScore(), a.keywordScore()))
					.map(ChunkHit::fileId), page));
				float[] query = embeddings.embed(List.of(question.text())).get(0);
				List<ChunkHit> vectorHits = store.inTransaction((tx) -> tx.searchChunks(new ChunkSearch(PROJECT,
						List.of(vectorStoreId), null, "", embeddings.model(), query, RESULTS)));
				vector.add(question, pagesOf(vectorHits.stream()
					.sorted((a, b) -> Double.compare(b.vectorScore(), a.vectorScore()))
					.map(ChunkHit::fileId), page));
				JsonNode results = api.json("POST", "/vector_stores/" + vectorStoreId + "/search", "{\"query\":"
						+ EngineApi.JSON.writeValueAsString(question.text()) + ",\"max_num_results\":" + RESULTS + "}");
				List<String> found = new ArrayList<>();
				results.path("data").forEach((result) -> found.add(result.path("file_id").asString()));
				hybrid.add(question, pagesOf(found.stream(), page));
			}
			System.out.printf("%d questions, %d pages%n", questions.size(), pages.size());
			for (Score score : List.of(keyword, vector, hybrid)) {
				System.out.printf("%-34s recall@5 %.2f   MRR %.2f%n", score.name, score.recallAt5(), score.mrr());
			}
		}
	}

	/** Upload every page, add them to one vector store, and wait until it is ingested. */
	private static Map<String, String> ingest(EngineApi api, Path corpus) throws Exception {
		Map<String, String> pages = new LinkedHashMap<>();
		List<Path> files;
		try (Stream<Path> tutorial = Files.list(corpus.resolve("tutorial"));
				Stream<Path> howto = Files.list(corpus.resolve("howto"));
				Stream<Path> library = Files.list(corpus.resolve("library"))) {
			files = Stream.of(tutorial, howto, library)
				.flatMap(Function.identity())
				.filter((file) -> file.toString().endsWith(".rst.txt") && !file.getFileName().toString().startsWith("index."))
				.sorted()
				.toList();
		}
		for (Path file : files) {
			String name = corpus.relativize(file).toString().replace(".rst.txt", "");
			String fileId = api.upload(name + ".txt", Files.readAllBytes(file)).path("id").asString();
			pages.put(fileId, name);
		}
		String vectorStoreId = api.json("POST", "/vector_stores", "{\"name\":\"Python docs\"}").path("id").asString();
		List<String> ids = new ArrayList<>(pages.keySet());
		for (int from = 0; from < ids.size(); from += 500) {
			List<String> batch = ids.subList(from, Math.min(from + 500, ids.size()));
			api.json("POST", "/vector_stores/" + vectorStoreId + "/file_batches",
					"{\"file_ids\":" + EngineApi.JSON.writeValueAsString(batch) + "}");
		}
		JsonNode counts = api.awaitIngested(vectorStoreId).path("file_counts");
		if (counts.path("completed").asInt() != pages.size()) {
			throw new IllegalStateException("Not every page was ingested: " + counts);
		}
		pages.put("", vectorStoreId);
		return pages;
	}

	/** The distinct pages in the order their chunks rank. */
	private static List<String> pagesOf(Stream<String> fileIds, Function<String, String> page) {
		Set<String> pages = new LinkedHashSet<>();
		fileIds.map(page).forEach(pages::add);
		return new ArrayList<>(pages);
	}

	private static List<Question> questions() throws IOException {
		try (InputStream tsv = RetrievalQuality.class.getResourceAsStream("/retrieval/python-docs-questions.tsv")) {
			List<Question> questions = new ArrayList<>();
			for (String line : new String(tsv.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					String[] fields = line.split("\t");
					questions.add(new Question(fields[0], Set.of(fields[1].split(","))));
				}
			}
			return questions;
		}
	}

	private record Question(String text, Set<String> pages) {
	}

	/** Recall@5 and MRR of one way of searching. */
	private static final class Score {

		private final String name;

		private int answeredIn5;

		private double reciprocalRanks;

		private int questions;

		Score(String name) {
			this.name = name;
		}

		void add(Question question, List<String> pages) {
			this.questions++;
			for (int rank = 1; rank <= pages.size(); rank++) {
				if (question.pages().contains(pages.get(rank - 1))) {
					this.answeredIn5 += (rank <= 5) ? 1 : 0;
					this.reciprocalRanks += 1.0 / rank;
					return;
				}
			}
		}

		double recallAt5() {
			return (double) this.answeredIn5 / this.questions;
		}

		double mrr() {
			return this.reciprocalRanks / this.questions;
		}

	}

}
