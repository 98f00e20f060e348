package dev.assistants.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBufferUtils;

import dev.assistants.engine.documents.Embeddings;
import dev.assistants.engine.documents.TextExtractor;
import dev.assistants.engine.documents.UnreadableFileException;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.Chunk;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.StoreTransaction;
import dev.assistants.engine.store.StoreUnavailableException;
import dev.assistants.engine.store.StoredObject;

import static dev.assistants.engine.ApiObjects.NODES;

/**
 * Ingests the files added to vector stores, in the background: reads a file's text, cuts it into
 * chunks, embeds them (with an embedding model), and keeps them, the file then {@code completed};
 * a file whose text cannot be read ends {@code failed} with {@code last_error}. An engine takes a
 * file for a lease; one that dies while ingesting leaves the file {@code in_progress}, and another
 * engine on the store (or this one's next start) takes it once the lease ends, so that ingestion
 * survives a restart as runs do. An engine that closes hands its files back at once.
 */
final class Ingestion {

	private static final Log logger = LogFactory.getLog(Ingestion.class);

	/** Texts embedded in one call of the embedding model. */
	private static final int EMBEDDED_AT_ONCE = 64;

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final TextExtractor extractor;

	private final FileSearch search;

	private final Scheduler scheduler;

	private final BackgroundWork background;

	private final int concurrency;

	private final Duration lease;

	private final AtomicBoolean busy = new AtomicBoolean();

	private final AtomicBoolean again = new AtomicBoolean();

	/** The files this engine ingests now. */
	private final Set<Taken> ingesting = ConcurrentHashMap.newKeySet();

	Ingestion(AssistantsStore store, ApiObjects objects, TextExtractor extractor, FileSearch search,
			Scheduler scheduler, BackgroundWork background, int concurrency, Duration lease) {
		this.store = store;
		this.objects = objects;
		this.extractor = extractor;
		this.search = search;
		this.scheduler = scheduler;
		this.background = background;
		this.concurrency = concurrency;
		this.lease = lease;
	}

	/**
	 * Look for files to ingest now, in the background: called when files are added, and at each
	 * check interval for those whose engine stopped.
	 */
	void ingestNow() {
		this.again.set(true);
		if (this.busy.compareAndSet(false, true)) {
			this.background.detach(Flux.defer(this::round)
				.repeat(this.again::get)
				.subscribeOn(this.scheduler)
				.doFinally((signal) -> {
					this.busy.set(false);
					if (this.again.get()) {
						ingestNow();
					}
				}));
		}
	}

	/** Take the files waiting, as many at once as the concurrency, and ingest them. */
	private Flux<Void> round() {
		this.again.set(false);
		return Flux.defer(() -> Flux.fromIterable(take()))
			.flatMap((file) -> Mono.<Void>fromRunnable(() -> ingest(file))
				.subscribeOn(this.scheduler)
				.doFirst(() -> this.ingesting.add(file))
				.doFinally((signal) -> this.ingesting.remove(file)), this.concurrency);
	}

	/**
	 * Hand back the files this engine ingests, as it closes, so that another engine on the store
	 * (or this one's next start) takes them at once instead of when their leases end.
	 */
	void handBack() {
		List<Taken> taken = List.copyOf(this.ingesting);
		if (taken.isEmpty()) {
			return;
		}
		this.store.inTransaction((tx) -> {
			for (Taken file : taken) {
				tx.lock(ObjectKind.VECTOR_STORE_FILE, file.project(), file.id())
					.filter((object) -> object.path(VectorStoreOperations.INGEST_UNTIL).asLong() == file.until())
					.ifPresent((object) -> {
						object.put(VectorStoreOperations.INGEST_UNTIL, 0);
						tx.update(ObjectKind.VECTOR_STORE_FILE, file.project(), object);
					});
			}
			return taken;
		});
	}

	/** The files waiting that this engine takes, each leased to it; more wait if it took its fill. */
	private List<Taken> take() {
		long now = this.objects.nowMillis();
		long until = now + this.lease.toMillis();
		int most = this.concurrency * 4;
		List<Taken> taken = this.store.inTransaction((tx) -> {
			List<Taken> files = new ArrayList<>();
			for (StoredObject file : tx.filesToIngest(now, most)) {
				tx.lock(ObjectKind.VECTOR_STORE_FILE, file.project(), file.id()).ifPresent((object) -> {
					object.put(VectorStoreOperations.INGEST_UNTIL, until);
					tx.update(ObjectKind.VECTOR_STORE_FILE, file.project(), object);
					files.add(new Taken(file.project(), file.id(), until));
				});
			}
			return files;
		});
		if (taken.size() == most) {
			this.again.set(true);
		}
		return taken;
	}

	/** Ingest one file: its chunks are kept, and it is {@code completed}, or it is {@code failed}. */
	private void ingest(Taken taken) {
		Optional<Source> source = this.store.inTransaction((tx) -> tx
			.find(ObjectKind.VECTOR_STORE_FILE, taken.project(), taken.id())
			.filter((file) -> "in_progress".equals(ApiObjects.status(file)))
			.map((file) -> new Source(file, tx.find(ObjectKind.FILE, taken.project(), ApiObjects.id(file)).orElse(null))));
		if (source.isEmpty()) {
			return;
		}
		ObjectNode file = source.get().file();
		try {
			List<Chunk> chunks = chunks(file, source.get().content());
			long bytes = chunks.stream().mapToLong((chunk) -> chunk.text().getBytes(StandardCharsets.UTF_8).length).sum();
			finish(taken, (tx, locked) -> {
				tx.replaceChunks(taken.project(), locked.path("vector_store_id").asString(), ApiObjects.id(locked), chunks);
				VectorStoreCounts.move(tx, taken.project(), locked, "completed", bytes);
			});
		}
		catch (UnreadableFileException ex) {
			finish(taken, (tx, locked) -> {
				locked.set("last_error", NODES.objectNode().put("code", ex.getReason().code()).put("message", ex.getMessage()));
				VectorStoreCounts.move(tx, taken.project(), locked, "failed", 0);
			});
		}
		catch (StoreUnavailableException ex) {
			// the store's trouble, not the file's: another try once the lease ends
			logger.warn("Could not ingest file " + ApiObjects.id(file) + " into vector store "
					+ file.path("vector_store_id").asString() + " now; it is tried again in " + this.lease.toSeconds()
					+ " s", ex);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not ingest file " + ApiObjects.id(file) + " into vector store "
					+ file.path("vector_store_id").asString() + "; it fails with server_error", ex);
			finish(taken, (tx, locked) -> {
				locked.set("last_error", NODES.objectNode().put("code", "server_error")
					.put("message", "The server had an error while processing the file."));
				VectorStoreCounts.move(tx, taken.project(), locked, "failed", 0);
			});
		}
	}

	/** The file's chunks, with their vectors if there is an embedding model. */
	private List<Chunk> chunks(ObjectNode vectorStoreFile, @Nullable ObjectNode file) throws UnreadableFileException {
		if (file == null) {
			throw new UnreadableFileException(UnreadableFileException.Reason.INVALID_FILE,
					"The file " + ApiObjects.id(vectorStoreFile) + " was deleted before it could be processed.");
		}
		// PostgreSQL keeps no NUL in text, and no search needs one
		String text = text(file).replace("\u0000", "");
		JsonNode strategy = vectorStoreFile.path("chunking_strategy").path("static");
		List<String> texts = Chunker.chunk(text, strategy.path("max_chunk_size_tokens").asInt(Chunker.AUTO_MAX_TOKENS),
				strategy.path("chunk_overlap_tokens").asInt(Chunker.AUTO_OVERLAP_TOKENS));
		Embeddings embeddings = this.search.embeddings();
		List<Chunk> chunks = new ArrayList<>(texts.size());
		for (int from = 0; from < texts.size(); from += EMBEDDED_AT_ONCE) {
			List<String> batch = texts.subList(from, Math.min(from + EMBEDDED_AT_ONCE, texts.size()));
			List<float[]> vectors = (embeddings != null) ? embeddings.embed(batch) : null;
			if (vectors != null && from == 0 && !vectors.isEmpty()) {
				this.store.prepareVectors(vectors.get(0).length);
			}
			for (int i = 0; i < batch.size(); i++) {
				chunks.add(new Chunk(from + i, batch.get(i), (embeddings != null) ? embeddings.model() : null,
						(vectors != null) ? vectors.get(i) : null));
			}
		}
		return chunks;
	}

	/** The file's text, read from a temporary copy of its bytes. */
	private String text(ObjectNode file) throws UnreadableFileException {
		Path copy = null;
		try {
			copy = Files.createTempFile("assistants-ingest-", ".bin");
			// ingestion runs on a scheduler for blocking work, and the extractor reads a file, not a stream
			DataBufferUtils.write(this.store.blobs().read(ApiObjects.id(file)), copy).block();
			return this.extractor.extract(copy, file.path("filename").asString(), FileOperations.contentType(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not copy the file " + ApiObjects.id(file) + " to read it", ex);
		}
		finally {
			if (copy != null) {
				try {
					Files.deleteIfExists(copy);
				}
				catch (IOException ex) {
					logger.debug("Could not delete " + copy, ex);
				}
			}
		}
	}

	/**
	 * Write the end of an ingestion, if the file is still {@code in_progress} and still this
	 * ingestion's (not removed, cancelled or added again meanwhile).
	 */
	private void finish(Taken taken, Finish finish) {
		if (this.background.closed()) {
			return;
		}
		this.store.inTransaction((tx) -> {
			// the vector store first, as every change of its files locks it: writing chunks refers to it,
			// which would otherwise deadlock with another ingestion that locked it to count its file
			tx.find(ObjectKind.VECTOR_STORE_FILE, taken.project(), taken.id())
				.flatMap((file) -> tx.lock(ObjectKind.VECTOR_STORE, taken.project(),
						file.path("vector_store_id").asString()));
			tx.lock(ObjectKind.VECTOR_STORE_FILE, taken.project(), taken.id())
				.filter((file) -> "in_progress".equals(ApiObjects.status(file))
						&& file.path(VectorStoreOperations.INGEST_UNTIL).asLong() == taken.until())
				.ifPresent((file) -> {
					finish.apply(tx, file);
					tx.update(ObjectKind.VECTOR_STORE_FILE, taken.project(), file);
				});
			return taken;
		});
	}

	@FunctionalInterface
	private interface Finish {

		void apply(StoreTransaction tx, ObjectNode file);

	}

	/** A file this engine took, until when. */
	private record Taken(String project, String id, long until) {
	}

	private record Source(ObjectNode file, @Nullable ObjectNode content) {
	}

}
