package dev.assistants.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.CreateVectorStoreFileBatchRequest;
import dev.assistants.api.CreateVectorStoreFileRequest;
import dev.assistants.api.CreateVectorStoreRequest;
import dev.assistants.api.UpdateVectorStoreFileAttributesRequest;
import dev.assistants.api.UpdateVectorStoreRequest;
import dev.assistants.api.VectorStoreSearchRequest;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.Chunk;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;

import static dev.assistants.engine.ApiObjects.NODES;
import static dev.assistants.engine.ApiObjects.orDefault;

/**
 * The vector store operations: vector stores, their files and file batches, their search, and the
 * content of their files. A file added to a vector store is {@code in_progress} until
 * {@link Ingestion} has read, chunked and embedded it; the counts of files by status, the bytes
 * used and the status of the vector store and of a batch change with it, in the same transaction.
 * Every change of a vector store's files locks the vector store first, then the file, then its
 * batch: one order, so that concurrent changes never deadlock.
 */
final class VectorStoreOperations {

	/** The statuses of a file in a vector store. */
	static final List<String> FILE_STATUSES = List.of("in_progress", "completed", "cancelled", "failed");

	static final String BATCH_ID = ObjectKind.BATCH_ID_FIELD;

	static final String INGEST_UNTIL = ObjectKind.INGEST_UNTIL_FIELD;

	/** Where a vector store keeps its description, which the API does not show. */
	private static final String DESCRIPTION = "_description";

	/** A vector store used within this many seconds of its {@code last_active_at} keeps it. */
	private static final long ACTIVITY_RESOLUTION = 60;

	private static final long DAY = 86_400;

	/** The search endpoint's results unless asked, as the specification says. */
	private static final int DEFAULT_SEARCH_RESULTS = 10;

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final RequestReader reader;

	private final FileOperations files;

	private final FileSearch search;

	private final Runnable ingestNow;

	VectorStoreOperations(AssistantsStore store, ApiObjects objects, RequestReader reader, FileOperations files,
			FileSearch search, Runnable ingestNow) {
		this.store = store;
		this.objects = objects;
		this.reader = reader;
		this.files = files;
		this.search = search;
		this.ingestNow = ingestNow;
	}

	ObjectNode create(String project, String body) {
		ObjectNode request = this.reader.read(body, CreateVectorStoreRequest.class);
		ObjectNode created = this.store.inTransaction((tx) -> create(tx, project, request));
		this.ingestNow.run();
		return created;
	}

	/**
	 * A new vector store, with its first files, from a {@code CreateVectorStoreRequest} or a
	 * {@code vector_stores} helper of {@code tool_resources.file_search} (the same fields).
	 */
	ObjectNode create(StoreTransaction tx, String project, ObjectNode request) {
		ObjectNode vectorStore = this.objects.create("vs_", "vector_store");
		vectorStore.set("name", orDefault(request.get("name"), NODES.stringNode("")));
		vectorStore.put("usage_bytes", 0);
		VectorStoreCounts.none(vectorStore);
		vectorStore.put("status", "completed");
		vectorStore.put("last_active_at", vectorStore.path("created_at").asLong());
		expiresAfter(vectorStore, request.get("expires_after"));
		vectorStore.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
		vectorStore.set(DESCRIPTION, orDefault(request.get("description"), NODES.nullNode()));
		tx.insert(ObjectKind.VECTOR_STORE, project, vectorStore);
		String vectorStoreId = ApiObjects.id(vectorStore);
		for (JsonNode fileId : request.path("file_ids")) {
			attach(tx, project, vectorStoreId, fileId.asString(), request.get("chunking_strategy"), null, null);
		}
		return view(Lookups.vectorStore(tx, project, vectorStoreId));
	}

	ObjectNode list(String project, Map<String, String> query) {
		return this.store.inTransaction((tx) -> Lists.page(tx, ObjectKind.VECTOR_STORE, project, Scope.all(), query,
				Lists.LIMITS, (vectorStore) -> true, this::view));
	}

	ObjectNode get(String project, String vectorStoreId) {
		return view(this.store.inTransaction((tx) -> Lookups.vectorStore(tx, project, vectorStoreId)));
	}

	ObjectNode modify(String project, String vectorStoreId, String body) {
		ObjectNode request = this.reader.read(body, UpdateVectorStoreRequest.class);
		return view(this.store.inTransaction((tx) -> {
			ObjectNode vectorStore = Lookups.lockedVectorStore(tx, project, vectorStoreId);
			if (request.has("name")) {
				vectorStore.set("name", orDefault(request.get("name"), NODES.stringNode("")));
			}
			if (request.has("metadata")) {
				vectorStore.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
			}
			if (request.has("expires_after")) {
				expiresAfter(vectorStore, request.get("expires_after"));
			}
			tx.update(ObjectKind.VECTOR_STORE, project, vectorStore);
			return vectorStore;
		}));
	}

	ObjectNode delete(String project, String vectorStoreId) {
		this.store.inTransaction((tx) -> {
			Lookups.lockedVectorStore(tx, project, vectorStoreId);
			tx.deleteChunks(project, vectorStoreId, null);
			tx.delete(ObjectKind.VECTOR_STORE, project, vectorStoreId);
			return vectorStoreId;
		});
		return ApiObjects.deleted(vectorStoreId, "vector_store.deleted");
	}

	ObjectNode createFile(String project, String vectorStoreId, String body) {
		ObjectNode request = this.reader.read(body, CreateVectorStoreFileRequest.class);
		ObjectNode file = this.store.inTransaction((tx) -> {
			Lookups.lockedVectorStore(tx, project, vectorStoreId);
			return attach(tx, project, vectorStoreId, request.path("file_id").asString(),
					request.get("chunking_strategy"), request.get("attributes"), null);
		});
		this.ingestNow.run();
		return ApiObjects.publicView(file);
	}

	ObjectNode listFiles(String project, String vectorStoreId, Map<String, String> query) {
		return this.store.inTransaction((tx) -> {
			Lookups.vectorStore(tx, project, vectorStoreId);
			return Lists.page(tx, ObjectKind.VECTOR_STORE_FILE, project, Scope.vectorStore(vectorStoreId), query,
					Lists.LIMITS, statusFilter(query.get("filter")), ApiObjects::publicView);
		});
	}

	ObjectNode getFile(String project, String vectorStoreId, String fileId) {
		return ApiObjects.publicView(this.store.inTransaction((tx) -> Lookups.vectorStoreFile(tx, project,
				vectorStoreId, fileId)));
	}

	ObjectNode updateFileAttributes(String project, String vectorStoreId, String fileId, String body) {
		ObjectNode request = this.reader.read(body, UpdateVectorStoreFileAttributesRequest.class);
		return ApiObjects.publicView(this.store.inTransaction((tx) -> {
			Lookups.vectorStore(tx, project, vectorStoreId);
			ObjectNode file = tx.lock(ObjectKind.VECTOR_STORE_FILE, project,
					ObjectKind.vectorStoreFileKey(vectorStoreId, fileId))
				.orElseThrow(() -> ApiException.notFound(ObjectKind.VECTOR_STORE_FILE, fileId));
			file.set("attributes", orDefault(request.get("attributes"), NODES.objectNode()));
			tx.update(ObjectKind.VECTOR_STORE_FILE, project, file);
			return file;
		}));
	}

	ObjectNode deleteFile(String project, String vectorStoreId, String fileId) {
		this.store.inTransaction((tx) -> {
			Lookups.lockedVectorStore(tx, project, vectorStoreId);
			ObjectNode file = Lookups.vectorStoreFile(tx, project, vectorStoreId, fileId);
			detach(tx, project, file);
			return file;
		});
		return ApiObjects.deleted(fileId, "vector_store.file.deleted");
	}

	/** The text of a file in a vector store, as it was chunked, without the chunks' overlaps. */
	ObjectNode fileContent(String project, String vectorStoreId, String fileId) {
		List<Chunk> chunks = this.store.inTransaction((tx) -> {
			Lookups.vectorStoreFile(tx, project, vectorStoreId, fileId);
			return tx.chunks(project, vectorStoreId, fileId);
		});
		ObjectNode page = NODES.objectNode().put("object", "vector_store.file_content.page");
		ArrayNode data = page.putArray("data");
		for (Chunk chunk : chunks) {
			data.addObject().put("type", "text").put("text", chunk.text());
		}
		page.put("has_more", false);
		page.putNull("next_page");
		return page;
	}

	ObjectNode createBatch(String project, String vectorStoreId, String body) {
		ObjectNode request = this.reader.read(body, CreateVectorStoreFileBatchRequest.class);
		ObjectNode batch = this.store.inTransaction((tx) -> {
			Lookups.lockedVectorStore(tx, project, vectorStoreId);
			ObjectNode created = this.objects.create("vsfb_", "vector_store.files_batch");
			created.put("vector_store_id", vectorStoreId);
			created.put("status", "in_progress");
			VectorStoreCounts.none(created);
			tx.insert(ObjectKind.VECTOR_STORE_FILE_BATCH, project, created);
			String batchId = ApiObjects.id(created);
			if (request.has("file_ids")) {
				for (JsonNode fileId : request.get("file_ids")) {
					attach(tx, project, vectorStoreId, fileId.asString(), request.get("chunking_strategy"),
							request.get("attributes"), batchId);
				}
			}
			else {
				for (JsonNode file : request.get("files")) {
					attach(tx, project, vectorStoreId, file.path("file_id").asString(), file.get("chunking_strategy"),
							file.get("attributes"), batchId);
				}
			}
			return Lookups.batch(tx, project, vectorStoreId, batchId);
		});
		this.ingestNow.run();
		return ApiObjects.publicView(batch);
	}

	ObjectNode getBatch(String project, String vectorStoreId, String batchId) {
		return ApiObjects.publicView(this.store.inTransaction((tx) -> Lookups.batch(tx, project, vectorStoreId, batchId)));
	}

	/** Cancel a batch: its files not yet ingested are {@code cancelled}, and so is the batch. */
	ObjectNode cancelBatch(String project, String vectorStoreId, String batchId) {
		return ApiObjects.publicView(this.store.inTransaction((tx) -> {
			Lookups.lockedVectorStore(tx, project, vectorStoreId);
			ObjectNode batch = Lookups.batch(tx, project, vectorStoreId, batchId);
			if (!"in_progress".equals(ApiObjects.status(batch))) {
				throw ApiException.invalid("Cannot cancel a vector store file batch whose status is "
						+ ApiObjects.status(batch) + ".", null);
			}
			for (ObjectNode file : tx.list(ObjectKind.VECTOR_STORE_FILE, project, Scope.batch(vectorStoreId, batchId))) {
				if ("in_progress".equals(ApiObjects.status(file))) {
					VectorStoreCounts.move(tx, project, file, "cancelled", 0);
					tx.update(ObjectKind.VECTOR_STORE_FILE, project, file);
				}
			}
			ObjectNode cancelled = Lookups.batch(tx, project, vectorStoreId, batchId);
			cancelled.put("status", "cancelled");
			tx.update(ObjectKind.VECTOR_STORE_FILE_BATCH, project, cancelled);
			return cancelled;
		}));
	}

	ObjectNode listBatchFiles(String project, String vectorStoreId, String batchId, Map<String, String> query) {
		return this.store.inTransaction((tx) -> {
			Lookups.batch(tx, project, vectorStoreId, batchId);
			return Lists.page(tx, ObjectKind.VECTOR_STORE_FILE, project, Scope.batch(vectorStoreId, batchId), query,
					Lists.LIMITS, statusFilter(query.get("filter")), ApiObjects::publicView);
		});
	}

	/** Search a vector store: a page of the chunks that match best, each with its file and score. */
	ObjectNode search(String project, String vectorStoreId, String body) {
		ObjectNode request = this.reader.read(body, VectorStoreSearchRequest.class);
		List<String> queries = new ArrayList<>();
		if (request.get("query").isArray()) {
			request.get("query").forEach((query) -> queries.add(query.asString()));
		}
		else {
			queries.add(request.get("query").asString());
		}
		this.store.inTransaction((tx) -> touch(tx, project, vectorStoreId));
		JsonNode ranking = request.path("ranking_options");
		List<FileSearch.Result> results = this.search.search(project, List.of(vectorStoreId), queries,
				request.path("max_num_results").asInt(DEFAULT_SEARCH_RESULTS),
				ranking.path("score_threshold").asDouble(0), request.get("filters"));
		ObjectNode page = NODES.objectNode().put("object", "vector_store.search_results.page");
		ArrayNode searched = page.putArray("search_query");
		queries.forEach(searched::add);
		ArrayNode data = page.putArray("data");
		for (FileSearch.Result result : results) {
			ObjectNode item = data.addObject()
				.put("file_id", result.fileId())
				.put("filename", result.filename())
				.put("score", result.score());
			item.set("attributes", result.attributes());
			item.putArray("content").addObject().put("type", "text").put("text", result.text());
		}
		page.put("has_more", false);
		page.putNull("next_page");
		return page;
	}

	/**
	 * The vector store is used now: its {@code last_active_at} moves on (at most once a minute) and
	 * with it when it expires. An expired vector store cannot be used.
	 */
	ObjectNode touch(StoreTransaction tx, String project, String vectorStoreId) {
		ObjectNode vectorStore = Lookups.vectorStore(tx, project, vectorStoreId);
		if ("expired".equals(ApiObjects.status(view(vectorStore)))) {
			throw ApiException.invalid("Vector store " + vectorStoreId + " has expired and can no longer be used.",
					null);
		}
		long now = this.objects.now();
		if (now - vectorStore.path("last_active_at").asLong() >= ACTIVITY_RESOLUTION) {
			ObjectNode locked = Lookups.lockedVectorStore(tx, project, vectorStoreId);
			locked.put("last_active_at", now);
			expiresAfter(locked, locked.get("expires_after"));
			tx.update(ObjectKind.VECTOR_STORE, project, locked);
			return locked;
		}
		return vectorStore;
	}

	/**
	 * The {@code tool_resources} of an assistant or a thread as they are kept: a
	 * {@code vector_stores} helper of {@code file_search} becomes a new vector store, named by its
	 * ID; a vector store named must be the project's, and so must a file {@code code_interpreter} names.
	 */
	ObjectNode toolResources(StoreTransaction tx, String project, @Nullable JsonNode requested) {
		ObjectNode resources = (requested != null && requested.isObject()) ? (ObjectNode) requested.deepCopy()
				: NODES.objectNode();
		for (JsonNode id : resources.path("code_interpreter").path("file_ids")) {
			try {
				this.files.file(tx, project, id.asString());
			}
			catch (ApiException ex) {
				throw ApiException.invalid("File " + id.asString() + " not found.",
						"tool_resources.code_interpreter.file_ids");
			}
		}
		JsonNode fileSearch = resources.get("file_search");
		if (fileSearch == null || fileSearch.isNull()) {
			return resources;
		}
		ArrayNode ids = NODES.arrayNode();
		for (JsonNode id : fileSearch.path("vector_store_ids")) {
			if (tx.find(ObjectKind.VECTOR_STORE, project, id.asString()).isEmpty()) {
				throw ApiException.invalid("Vector store " + id.asString() + " not found.",
						"tool_resources.file_search.vector_store_ids");
			}
			ids.add(id.asString());
		}
		for (JsonNode helper : fileSearch.path("vector_stores")) {
			ids.add(ApiObjects.id(create(tx, project, (ObjectNode) helper)));
		}
		resources.set("file_search", NODES.objectNode().set("vector_store_ids", ids));
		return resources;
	}

	/**
	 * The files a message attaches for {@code file_search} go to its thread's vector store, made
	 * for the thread when it has none, as OpenAI did.
	 * @return whether the thread changed (it has a new vector store)
	 */
	boolean attachToThread(StoreTransaction tx, String project, ObjectNode thread, JsonNode attachments) {
		boolean changed = false;
		for (JsonNode attachment : attachments) {
			boolean forSearch = false;
			for (JsonNode tool : attachment.path("tools")) {
				forSearch |= "file_search".equals(tool.path("type").asString());
			}
			if (!forSearch) {
				continue;
			}
			JsonNode ids = thread.at("/tool_resources/file_search/vector_store_ids");
			String vectorStoreId;
			if (ids.isArray() && !ids.isEmpty()) {
				vectorStoreId = ids.get(0).asString();
			}
			else {
				vectorStoreId = ApiObjects.id(create(tx, project, NODES.objectNode()));
				ObjectNode resources = thread.has("tool_resources") && thread.get("tool_resources").isObject()
						? (ObjectNode) thread.get("tool_resources") : thread.putObject("tool_resources");
				resources.putObject("file_search").putArray("vector_store_ids").add(vectorStoreId);
				changed = true;
			}
			Lookups.lockedVectorStore(tx, project, vectorStoreId);
			attach(tx, project, vectorStoreId, attachment.path("file_id").asString(), null, null, null);
		}
		return changed;
	}

	/** Look for files to ingest now: files were added. */
	void ingestNow() {
		this.ingestNow.run();
	}

	/**
	 * Add a file to a vector store, {@code in_progress} until it is ingested; a file it already has
	 * is replaced, and ingested again.
	 */
	ObjectNode attach(StoreTransaction tx, String project, String vectorStoreId, String fileId,
			@Nullable JsonNode chunkingStrategy, @Nullable JsonNode attributes, @Nullable String batchId) {
		this.files.file(tx, project, fileId);
		tx.lock(ObjectKind.VECTOR_STORE_FILE, project, ObjectKind.vectorStoreFileKey(vectorStoreId, fileId))
			.ifPresent((existing) -> detach(tx, project, existing));
		ObjectNode file = NODES.objectNode();
		file.put("id", fileId);
		file.put("object", "vector_store.file");
		file.put("usage_bytes", 0);
		file.put("created_at", this.objects.now());
		file.put("vector_store_id", vectorStoreId);
		file.put("status", "in_progress");
		file.putNull("last_error");
		file.set("chunking_strategy", chunking(chunkingStrategy));
		file.set("attributes", orDefault(attributes, NODES.objectNode()));
		file.put(BATCH_ID, batchId);
		file.put(INGEST_UNTIL, 0);
		tx.insert(ObjectKind.VECTOR_STORE_FILE, project, file);
		VectorStoreCounts.add(tx, project, file, 1);
		return file;
	}

	/** Remove a file from its vector store, with its chunks. */
	static void detach(StoreTransaction tx, String project, ObjectNode file) {
		String vectorStoreId = file.path("vector_store_id").asString();
		VectorStoreCounts.add(tx, project, file, -1);
		tx.deleteChunks(project, vectorStoreId, ApiObjects.id(file));
		tx.delete(ObjectKind.VECTOR_STORE_FILE, project, ObjectKind.VECTOR_STORE_FILE.key(file));
	}

	/** The chunking strategy as a file shows it: {@code auto} is 800 tokens with 400 of overlap. */
	private static ObjectNode chunking(@Nullable JsonNode requested) {
		boolean given = requested != null && "static".equals(requested.path("type").asString());
		ObjectNode strategy = NODES.objectNode().put("type", "static");
		strategy.putObject("static")
			.put("max_chunk_size_tokens",
					given ? requested.path("static").path("max_chunk_size_tokens").asInt() : Chunker.AUTO_MAX_TOKENS)
			.put("chunk_overlap_tokens",
					given ? requested.path("static").path("chunk_overlap_tokens").asInt() : Chunker.AUTO_OVERLAP_TOKENS);
		return strategy;
	}

	private void expiresAfter(ObjectNode vectorStore, @Nullable JsonNode expiresAfter) {
		if (expiresAfter == null || expiresAfter.isNull()) {
			vectorStore.remove("expires_after");
			vectorStore.putNull("expires_at");
			return;
		}
		vectorStore.set("expires_after", expiresAfter);
		vectorStore.put("expires_at",
				vectorStore.path("last_active_at").asLong() + expiresAfter.path("days").asLong() * DAY);
	}

	/** The vector store as clients see it: {@code expired} once its {@code expires_at} has come. */
	private ObjectNode view(ObjectNode vectorStore) {
		ObjectNode view = ApiObjects.publicView(vectorStore);
		JsonNode expiresAt = vectorStore.path("expires_at");
		if (expiresAt.isNumber() && expiresAt.asLong() <= this.objects.now()) {
			view.put("status", "expired");
		}
		return view;
	}

	private static java.util.function.Predicate<ObjectNode> statusFilter(@Nullable String filter) {
		if (filter == null) {
			return (file) -> true;
		}
		if (!FILE_STATUSES.contains(filter)) {
			throw ApiException.invalid("Invalid value for 'filter': '" + filter + "'. Supported values are: "
					+ String.join(", ", FILE_STATUSES) + ".", "filter", "invalid_value");
		}
		return (file) -> filter.equals(ApiObjects.status(file));
	}

}
