package dev.assistants.engine;

import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.node.ObjectNode;

import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;

/**
 * Finds the objects a request names, or answers 404 as the API does: an object of another
 * project, or of another thread or run than the path says, is not found.
 */
final class Lookups {

	private Lookups() {
	}

	static ObjectNode assistant(StoreTransaction tx, String project, String assistantId) {
		return found(tx.find(ObjectKind.ASSISTANT, project, assistantId), ObjectKind.ASSISTANT, assistantId);
	}

	static ObjectNode thread(StoreTransaction tx, String project, String threadId) {
		return found(tx.find(ObjectKind.THREAD, project, threadId), ObjectKind.THREAD, threadId);
	}

	/** The thread, locked so that no message or run is added to it by another transaction meanwhile. */
	static ObjectNode lockedThread(StoreTransaction tx, String project, String threadId) {
		return found(tx.lock(ObjectKind.THREAD, project, threadId), ObjectKind.THREAD, threadId);
	}

	static ObjectNode message(StoreTransaction tx, String project, String threadId, String messageId) {
		return inThread(tx, project, threadId,
				tx.find(ObjectKind.MESSAGE, project, messageId).filter((message) -> inThread(message, threadId)),
				ObjectKind.MESSAGE, messageId);
	}

	static ObjectNode run(StoreTransaction tx, String project, String threadId, String runId) {
		return inThread(tx, project, threadId,
				tx.find(ObjectKind.RUN, project, runId).filter((run) -> inThread(run, threadId)), ObjectKind.RUN, runId);
	}

	/** The run, locked so that its status moves on only from the status read here. */
	static ObjectNode lockedRun(StoreTransaction tx, String project, String threadId, String runId) {
		return inThread(tx, project, threadId,
				tx.lock(ObjectKind.RUN, project, runId).filter((run) -> inThread(run, threadId)), ObjectKind.RUN, runId);
	}

	static ObjectNode step(StoreTransaction tx, String project, String threadId, String runId, String stepId) {
		Optional<ObjectNode> step = tx.find(ObjectKind.RUN_STEP, project, stepId)
			.filter((found) -> runId.equals(found.path("run_id").asString(null)) && inThread(found, threadId));
		if (step.isEmpty()) {
			run(tx, project, threadId, runId);
		}
		return found(step, ObjectKind.RUN_STEP, stepId);
	}

	/**
	 * An object of a thread, as it was found: there is no need to read the thread when it was, as
	 * deleting a thread deletes its objects; when it was not, a missing thread is what the 404 says.
	 */
	private static ObjectNode inThread(StoreTransaction tx, String project, String threadId, Optional<ObjectNode> object,
			ObjectKind kind, String id) {
		if (object.isEmpty()) {
			thread(tx, project, threadId);
		}
		return found(object, kind, id);
	}

	/**
	 * A page of a thread's objects; the thread is read only when the page is empty or the query's
	 * cursor is not found, to tell a missing thread from an empty list.
	 */
	static ObjectNode pageOfThread(StoreTransaction tx, ObjectKind kind, String project, String threadId, Scope scope,
			Map<String, String> query) {
		ObjectNode page;
		try {
			page = Lists.page(tx, kind, project, scope, query);
		}
		catch (ApiException ex) {
			thread(tx, project, threadId);
			throw ex;
		}
		if (page.path("data").isEmpty()) {
			thread(tx, project, threadId);
		}
		return page;
	}

	static ObjectNode vectorStore(StoreTransaction tx, String project, String vectorStoreId) {
		return found(tx.find(ObjectKind.VECTOR_STORE, project, vectorStoreId), ObjectKind.VECTOR_STORE, vectorStoreId);
	}

	/** The vector store, locked so that its counts change only in this transaction meanwhile. */
	static ObjectNode lockedVectorStore(StoreTransaction tx, String project, String vectorStoreId) {
		return found(tx.lock(ObjectKind.VECTOR_STORE, project, vectorStoreId), ObjectKind.VECTOR_STORE, vectorStoreId);
	}

	static ObjectNode vectorStoreFile(StoreTransaction tx, String project, String vectorStoreId, String fileId) {
		vectorStore(tx, project, vectorStoreId);
		return found(tx.find(ObjectKind.VECTOR_STORE_FILE, project, ObjectKind.vectorStoreFileKey(vectorStoreId, fileId)),
				ObjectKind.VECTOR_STORE_FILE, fileId);
	}

	static ObjectNode batch(StoreTransaction tx, String project, String vectorStoreId, String batchId) {
		vectorStore(tx, project, vectorStoreId);
		return found(tx.find(ObjectKind.VECTOR_STORE_FILE_BATCH, project, batchId)
			.filter((batch) -> vectorStoreId.equals(batch.path("vector_store_id").asString(null))),
				ObjectKind.VECTOR_STORE_FILE_BATCH, batchId);
	}

	private static boolean inThread(ObjectNode object, String threadId) {
		return threadId.equals(object.path("thread_id").asString(null));
	}

	private static ObjectNode found(Optional<ObjectNode> object, ObjectKind kind, String id) {
		return object.orElseThrow(() -> ApiException.notFound(kind, id));
	}

}
