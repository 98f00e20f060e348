package dev.assistants.engine;

import tools.jackson.databind.node.ObjectNode;

import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.StoreTransaction;

/**
 * Keeps a vector store's {@code file_counts}, {@code usage_bytes} and {@code status}, and its
 * batches' {@code file_counts} and {@code status}, true as its files come, change status and go:
 * each change in the transaction of the file's, with the vector store (and the batch) locked.
 */
final class VectorStoreCounts {

	private VectorStoreCounts() {
	}

	/** A new vector store or batch counts no files. */
	static void none(ObjectNode owner) {
		ObjectNode counts = owner.putObject("file_counts");
		for (String status : VectorStoreOperations.FILE_STATUSES) {
			counts.put(status, 0);
		}
		counts.put("total", 0);
	}

	/**
	 * Count a file in (1) or out (-1) of its vector store and its batch, with its status and bytes.
	 */
	static void add(StoreTransaction tx, String project, ObjectNode file, int delta) {
		String status = ApiObjects.status(file);
		long bytes = file.path("usage_bytes").asLong();
		String vectorStoreId = file.path("vector_store_id").asString();
		tx.lock(ObjectKind.VECTOR_STORE, project, vectorStoreId).ifPresent((vectorStore) -> {
			count(vectorStore, status, delta);
			vectorStore.put("usage_bytes", vectorStore.path("usage_bytes").asLong() + delta * bytes);
			vectorStore.put("status", (vectorStore.path("file_counts").path("in_progress").asInt() > 0) ? "in_progress"
					: "completed");
			tx.update(ObjectKind.VECTOR_STORE, project, vectorStore);
		});
		String batchId = file.path(VectorStoreOperations.BATCH_ID).asString(null);
		if (batchId != null) {
			tx.lock(ObjectKind.VECTOR_STORE_FILE_BATCH, project, batchId).ifPresent((batch) -> {
				count(batch, status, delta);
				if ("in_progress".equals(ApiObjects.status(batch))
						&& batch.path("file_counts").path("in_progress").asInt() == 0) {
					batch.put("status", "completed");
				}
				tx.update(ObjectKind.VECTOR_STORE_FILE_BATCH, project, batch);
			});
		}
	}

	/** A file moves to another status, using the given bytes. */
	static void move(StoreTransaction tx, String project, ObjectNode file, String status, long usageBytes) {
		add(tx, project, file, -1);
		file.put("status", status);
		file.put("usage_bytes", usageBytes);
		add(tx, project, file, 1);
	}

	private static void count(ObjectNode owner, String status, int delta) {
		ObjectNode counts = (ObjectNode) owner.path("file_counts");
		counts.put(status, counts.path(status).asInt() + delta);
		counts.put("total", counts.path("total").asInt() + delta);
	}

}
