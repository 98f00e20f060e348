package dev.assistants.store.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;

import dev.assistants.engine.store.Chunk;
import dev.assistants.engine.store.ChunkHit;
import dev.assistants.engine.store.ChunkSearch;

/**
 * The chunks of the vector stores' files, in memory: their text in a Lucene index (English
 * analysis, BM25 ranking) for keyword search, and their vectors beside it, compared one by one
 * for vector search. Changes are applied when the store's transaction commits.
 */
final class ChunkIndex implements AutoCloseable {

	private static final String KEY = "key";

	private static final String PROJECT = "project";

	private static final String VECTOR_STORE = "vector_store";

	private static final String FILE = "file";

	private static final String TEXT = "text";

	private final Analyzer analyzer = new EnglishAnalyzer();

	private final ByteBuffersDirectory directory = new ByteBuffersDirectory();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	/** The chunks of each file, by {@link #fileKey}. */
	private final Map<String, List<Chunk>> chunks = new ConcurrentHashMap<>();

	ChunkIndex() {
		try {
			this.writer = new IndexWriter(this.directory, new IndexWriterConfig(this.analyzer));
			this.searchers = new SearcherManager(this.writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String fileKey(String project, String vectorStoreId, String fileId) {
		return project + "\u0000" + vectorStoreId + "\u0000" + fileId;
	}

	/** Replace a file's chunks. */
	void replace(String project, String vectorStoreId, String fileId, List<Chunk> fileChunks) {
		String fileKey = fileKey(project, vectorStoreId, fileId);
		try {
			this.writer.deleteDocuments(new Term(FILE, fileKey));
			List<Document> documents = new ArrayList<>(fileChunks.size());
			for (Chunk chunk : fileChunks) {
				Document document = new Document();
				document.add(new StringField(KEY, fileKey + "\u0000" + chunk.index(), Field.Store.YES));
				document.add(new StringField(PROJECT, project, Field.Store.NO));
				document.add(new StringField(VECTOR_STORE, project + "\u0000" + vectorStoreId, Field.Store.NO));
				document.add(new StringField(FILE, fileKey, Field.Store.NO));
				document.add(new TextField(TEXT, chunk.text(), Field.Store.NO));
				documents.add(document);
			}
			this.writer.addDocuments(documents);
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.chunks.put(fileKey, List.copyOf(fileChunks));
	}

	/** Delete a file's chunks, or every chunk of a vector store. */
	void delete(String project, String vectorStoreId, @Nullable String fileId) {
		try {
			if (fileId != null) {
				String fileKey = fileKey(project, vectorStoreId, fileId);
				this.writer.deleteDocuments(new Term(FILE, fileKey));
				this.chunks.remove(fileKey);
			}
			else {
				this.writer.deleteDocuments(new Term(VECTOR_STORE, project + "\u0000" + vectorStoreId));
				String prefix = fileKey(project, vectorStoreId, "");
				this.chunks.keySet().removeIf((key) -> key.startsWith(prefix));
			}
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<Chunk> chunks(String project, String vectorStoreId, String fileId) {
		return this.chunks.getOrDefault(fileKey(project, vectorStoreId, fileId), List.of())
			.stream()
			.map((chunk) -> new Chunk(chunk.index(), chunk.text(), null, null))
			.toList();
	}

	/** The best chunks by keywords and by vector, each with both scores. */
	List<ChunkHit> search(ChunkSearch search) {
		Query text = new QueryBuilder(this.analyzer).createBooleanQuery(TEXT, search.text(), Occur.SHOULD);
		Map<String, Found> found = new LinkedHashMap<>();
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				if (text != null) {
					BooleanQuery keywords = scoped(search).add(text, Occur.MUST).build();
					for (ScoreDoc hit : searcher.search(keywords, search.limit()).scoreDocs) {
						String key = searcher.storedFields().document(hit.doc).get(KEY);
						found.computeIfAbsent(key, Found::new).keyword = normalized(hit.score);
					}
				}
				if (search.vector() != null) {
					List<String> nearest = nearest(search);
					List<BytesRef> unscored = nearest.stream()
						.filter((key) -> !found.containsKey(key))
						.map(BytesRef::new)
						.toList();
					nearest.forEach((key) -> found.computeIfAbsent(key, Found::new));
					if (text != null && !unscored.isEmpty()) {
						// the keyword scores of the chunks found by vector only
						BooleanQuery scores = new BooleanQuery.Builder().add(new TermInSetQuery(KEY, unscored), Occur.FILTER)
							.add(text, Occur.SHOULD)
							.build();
						for (ScoreDoc hit : searcher.search(scores, unscored.size()).scoreDocs) {
							found.get(searcher.storedFields().document(hit.doc).get(KEY)).keyword = normalized(hit.score);
						}
					}
				}
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<ChunkHit> hits = new ArrayList<>(found.size());
		for (Found chunk : found.values()) {
			String[] parts = chunk.key.split("\u0000");
			int index = Integer.parseInt(parts[3]);
			Chunk stored = chunk(parts[0], parts[1], parts[2], index);
			if (stored != null) {
				hits.add(new ChunkHit(parts[1], parts[2], index, stored.text(), chunk.keyword,
						similarity(search, stored)));
			}
		}
		return hits;
	}

	private BooleanQuery.Builder scoped(ChunkSearch search) {
		BooleanQuery.Builder query = new BooleanQuery.Builder()
			.add(new TermQuery(new Term(PROJECT, search.project())), Occur.FILTER)
			.add(new TermInSetQuery(VECTOR_STORE, refs(search.vectorStoreIds().stream()
				.map((id) -> search.project() + "\u0000" + id)
				.toList())), Occur.FILTER);
		if (search.fileIds() != null) {
			query.add(new TermInSetQuery(FILE, refs(search.vectorStoreIds().stream()
				.flatMap((vectorStoreId) -> search.fileIds().stream()
					.map((fileId) -> fileKey(search.project(), vectorStoreId, fileId)))
				.toList())), Occur.FILTER);
		}
		return query;
	}

	/** The keys of the chunks nearest the search's vector, among those of its scope and model. */
	private List<String> nearest(ChunkSearch search) {
		record Near(String key, double similarity) {
		}
		// the nearest so far, the farthest of them first: each chunk either replaces it or is dropped
		PriorityQueue<Near> nearest = new PriorityQueue<>(search.limit() + 1, Comparator.comparingDouble(Near::similarity));
		for (String vectorStoreId : search.vectorStoreIds()) {
			String prefix = fileKey(search.project(), vectorStoreId, "");
			this.chunks.forEach((fileKey, fileChunks) -> {
				if (!fileKey.startsWith(prefix) || (search.fileIds() != null
						&& !search.fileIds().contains(fileKey.substring(prefix.length())))) {
					return;
				}
				for (Chunk chunk : fileChunks) {
					if (search.model().equals(chunk.model())) {
						nearest.add(new Near(fileKey + "\u0000" + chunk.index(), similarity(search, chunk)));
						if (nearest.size() > search.limit()) {
							nearest.poll();
						}
					}
				}
			});
		}
		return nearest.stream().map(Near::key).toList();
	}

	private @Nullable Chunk chunk(String project, String vectorStoreId, String fileId, int index) {
		List<Chunk> fileChunks = this.chunks.get(fileKey(project, vectorStoreId, fileId));
		return (fileChunks != null && index < fileChunks.size()) ? fileChunks.get(index) : null;
	}

	private static double similarity(ChunkSearch search, Chunk chunk) {
		float[] a = search.vector();
		float[] b = chunk.vector();
		if (a == null || b == null || a.length != b.length || !search.model().equals(chunk.model())) {
			return 0;
		}
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			normA += a[i] * a[i];
			normB += b[i] * b[i];
		}
		return (normA == 0 || normB == 0) ? 0 : dot / Math.sqrt(normA * normB);
	}

	/** A BM25 score in 0–1: {@code s / (s + 1)}. */
	private static double normalized(float score) {
		return score / (score + 1.0);
	}

	private static List<BytesRef> refs(Collection<String> values) {
		return values.stream().map(BytesRef::new).toList();
	}

	/** Forget every chunk. */
	void clear() {
		try {
			this.writer.deleteAll();
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.chunks.clear();
	}

	@Override
	public void close() {
		try {
			this.searchers.close();
			this.writer.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class Found {

		private final String key;

		private double keyword;

		Found(String key) {
			this.key = key;
		}

	}

}
