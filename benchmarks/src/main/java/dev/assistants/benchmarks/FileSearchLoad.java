package dev.assistants.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assistants.documents.tika.TikaTextExtractor;
import dev.assistants.embeddings.local.LocalEmbeddings;
import dev.assistants.engine.AssistantsEngine;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.Chunk;
import dev.assistants.model.deterministic.DeterministicModel;
import dev.assistants.store.memory.InMemoryStore;
import dev.assistants.store.postgresql.PostgresStore;

/**
 * File search under load, on the in-memory store and on PostgreSQL with pgvector (the database
 * {@code ASSISTANTS_PGVECTOR_URL} names, as {@code .ci/pgvector} starts it, in a new database made
 * beside it):
 * <ul>
 * <li>ingestion: 60 pages of the Python documentation uploaded and added to a vector store as one
 * batch, read, chunked and embedded by the local model, in MB of text and chunks per second;</li>
 * <li>search: the latency (p50, p99) of {@code POST /v1/vector_stores/{id}/search} on a vector
 * store of 10,000 and 100,000 chunks, keyword only and hybrid (the query embedded by the local
 * model, then both searches and their fusion), one search at a time. The chunks' texts are the
 * documentation's paragraphs, cycled; their vectors are random unit vectors of the local model's
 * 384 dimensions (embedding 100,000 chunks would take an hour here, and random vectors are no
 * easier for an HNSW index than real ones).</li>
 * </ul>
 * Searches are timed after {@value #WARM_UP} of warm-up, and on PostgreSQL after {@code ANALYZE}, as
 * autovacuum would run it within a minute of a bulk load.
 * <p>
 * {@code java ... FileSearchLoad [/usr/share/doc/python3.11/html/_sources]}
 */
public final class FileSearchLoad {

	private static final String PROJECT = "default";

	/** Searches before measuring: enough for the JIT compiler to settle, as in a server that has run a while. */
	private static final int WARM_UP = 300;

	private static final int MEASURED = 1000;

	private static final List<String> QUERIES = List.of("read a csv file", "how do I catch an error and clean up",
			"run another program and capture its output", "sort a list of records by a field",
			"parse command line options", "compress a file", "random token for a password reset",
			"store data in a small database file", "wait for several requests at once", "copy a nested list");

	private FileSearchLoad() {
	}

	public static void main(String[] args) throws Exception {
		Path corpus = Path.of((args.length > 0) ? args[0] : "/usr/share/doc/python3.11/html/_sources");
		List<Path> pages;
		try (Stream<Path> library = Files.list(corpus.resolve("library"))) {
			pages = library.filter((file) -> file.toString().endsWith(".rst.txt")).sorted().toList();
		}
		List<String> paragraphs = paragraphs(pages);
		LocalEmbeddings embeddings = new LocalEmbeddings();
		String url = System.getenv("ASSISTANTS_PGVECTOR_URL");
		System.out.println("| Store | Ingestion: pages, MB of text | MB/s | chunks/s |");
		System.out.println("|---|---|---|---|");
		List<String> searchRows = new ArrayList<>();
		try (InMemoryStore memory = new InMemoryStore()) {
			run("memory", memory, () -> {
			}, embeddings, pages, paragraphs, searchRows);
		}
		if (url != null) {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(freshDatabase(url));
			config.setMaximumPoolSize(8);
			try (HikariDataSource dataSource = new HikariDataSource(config)) {
				PostgresStore.migrate(dataSource);
				JdbcClient jdbc = JdbcClient.create(dataSource);
				run("PostgreSQL + pgvector", new PostgresStore(dataSource), () -> jdbc.sql("analyze").update(), embeddings,
						pages, paragraphs, searchRows);
			}
		}
		else {
			System.out.println("(ASSISTANTS_PGVECTOR_URL is not set: PostgreSQL skipped)");
		}
		System.out.println();
		System.out.println("| Store | Chunks | Search | p50 | p99 |");
		System.out.println("|---|---|---|---|---|");
		searchRows.forEach(System.out::println);
	}

	/**
	 * Ingest, then fill a vector store and time its searches.
	 * @param settle what brings the store to its steady state after a bulk load before searches are
	 * timed: on PostgreSQL, the statistics that autovacuum would gather within a minute
	 */
	private static void run(String name, AssistantsStore store, Runnable settle, LocalEmbeddings embeddings, List<Path> pages,
			List<String> paragraphs, List<String> searchRows) throws Exception {
		try (TikaTextExtractor extractor = new TikaTextExtractor();
				AssistantsEngine hybrid = AssistantsEngine.builder(store, new DeterministicModel())
					.embeddings(embeddings)
					.textExtractor(extractor)
					.build();
				AssistantsEngine keyword = AssistantsEngine.builder(store, new DeterministicModel()).build();
			EngineApi withModel = new EngineApi(hybrid);
			EngineApi keywordOnly = new EngineApi(keyword)) {
			ingestion(withModel, name, pages.subList(0, 60));
			String vectorStoreId = withModel.json("POST", "/vector_stores", "{\"name\":\"load\"}").path("id").asString();
			int chunks = 0;
			for (int target : List.of(10_000, 100_000)) {
				chunks = fill(store, vectorStoreId, paragraphs, chunks, target);
				settle.run();
				searchRows.add(searchLatency(keywordOnly, name, target, "keyword", vectorStoreId));
				searchRows.add(searchLatency(withModel, name, target, "hybrid", vectorStoreId));
			}
		}
	}

	/** Ingest pages through the API, as clients do, and print the throughput. */
	private static void ingestion(EngineApi api, String store, List<Path> pages) throws Exception {
		long characters = 0;
		List<String> fileIds = new ArrayList<>();
		for (Path page : pages) {
			byte[] content = Files.readAllBytes(page);
			characters += new String(content, StandardCharsets.UTF_8).length();
			fileIds.add(api.upload(page.getFileName().toString(), content).path("id").asString());
		}
		String vectorStoreId = api.json("POST", "/vector_stores", "{\"name\":\"ingestion\"}").path("id").asString();
		long started = System.nanoTime();
		api.json("POST", "/vector_stores/" + vectorStoreId + "/file_batches",
				"{\"file_ids\":" + EngineApi.JSON.writeValueAsString(fileIds) + "}");
		api.awaitIngested(vectorStoreId);
		double seconds = (System.nanoTime() - started) / 1e9;
		int chunks = 0;
		for (String fileId : fileIds) {
			chunks += api.json("GET", "/vector_stores/" + vectorStoreId + "/files/" + fileId + "/content", null)
				.path("data")
				.size();
		}
		System.out.printf("| %s | %d pages, %.1f MB | %.2f | %.0f |%n", store, pages.size(), characters / 1e6,
				characters / 1e6 / seconds, chunks / seconds);
	}

	/** Add chunks of random vectors to the vector store until it holds the target, as files of 100 chunks. */
	private static int fill(AssistantsStore store, String vectorStoreId, List<String> paragraphs, int from, int target) {
		Random random = new Random(from);
		int dimensions = 384;
		store.prepareVectors(dimensions);
		for (int file = from / 100; file < target / 100; file++) {
			List<Chunk> chunks = new ArrayList<>(100);
			for (int i = 0; i < 100; i++) {
				float[] vector = new float[dimensions];
				double norm = 0;
				for (int d = 0; d < dimensions; d++) {
					vector[d] = (float) random.nextGaussian();
					norm += vector[d] * vector[d];
				}
				for (int d = 0; d < dimensions; d++) {
					vector[d] /= (float) Math.sqrt(norm);
				}
				chunks.add(new Chunk(i, paragraphs.get((file * 100 + i) % paragraphs.size()), LocalEmbeddings.MODEL, vector));
			}
			String fileId = "file-load" + file;
			store.inTransaction((tx) -> {
				tx.replaceChunks(PROJECT, vectorStoreId, fileId, chunks);
				return fileId;
			});
		}
		return target;
	}

	private static String searchLatency(EngineApi api, String store, int chunks, String kind, String vectorStoreId)
			throws Exception {
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < WARM_UP + MEASURED; i++) {
			String query = QUERIES.get(i % QUERIES.size());
			long started = System.nanoTime();
			JsonNode page = api.json("POST", "/vector_stores/" + vectorStoreId + "/search",
					"{\"query\":" + EngineApi.JSON.writeValueAsString(query) + "}");
			long took = System.nanoTime() - started;
			if (page.path("data").isEmpty()) {
				throw new IllegalStateException("No results for " + query);
			}
			if (i >= WARM_UP) {
				nanos.add(took);
			}
		}
		nanos.sort(null);
		return String.format("| %s | %,d | %s | %.1f ms | %.1f ms |", store, chunks, kind,
				nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) (nanos.size() * 0.99)) / 1e6);
	}

	/**
	 * A new, empty database beside the one the URL names, so that what the tests left there (rows,
	 * dead tuples, other indexes) does not weigh on the measurements.
	 * @return the URL of the new database
	 */
	private static String freshDatabase(String url) throws Exception {
		String database = "assistants_file_search_load";
		try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + database);
			statement.execute("create database " + database);
		}
		return url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
	}

	/** The documentation's paragraphs of at least 200 characters. */
	private static List<String> paragraphs(List<Path> pages) throws Exception {
		List<String> paragraphs = new ArrayList<>();
		for (Path page : pages) {
			for (String paragraph : Files.readString(page).split("\n\\s*\n")) {
				if (paragraph.length() >= 200) {
					paragraphs.add(paragraph.strip());
				}
			}
		}
		return paragraphs;
	}

}
