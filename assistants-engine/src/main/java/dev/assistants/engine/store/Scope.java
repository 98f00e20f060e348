package dev.assistants.engine.store;

import org.jspecify.annotations.Nullable;

/**
 * Which objects of a kind a query covers: all of the project's, those of one thread, those of one
 * run, the files of one purpose, the files of one vector store or of one of its batches, or the
 * vector store files of one file.
 *
 * @param threadId only objects whose {@code thread_id} is this, or {@code null} for any
 * @param runId only objects whose {@code run_id} is this, or {@code null} for any
 * @param purpose only files whose {@code purpose} is this, or {@code null} for any
 * @param vectorStoreId only vector store files whose {@code vector_store_id} is this, or
 * {@code null} for any
 * @param batchId only vector store files that the batch of this ID added, or {@code null} for any
 * @param fileId only vector store files of this file, or {@code null} for any
 */
public record Scope(@Nullable String threadId, @Nullable String runId, @Nullable String purpose,
		@Nullable String vectorStoreId, @Nullable String batchId, @Nullable String fileId) {

	private static final Scope ALL = new Scope(null, null, null, null, null, null);

	/**
	 * Every object of the kind in the project: assistants and threads.
	 * @return the scope
	 */
	public static Scope all() {
		return ALL;
	}

	/**
	 * The objects of one thread: its messages or its runs.
	 * @param threadId the thread
	 * @return the scope
	 */
	public static Scope thread(String threadId) {
		return new Scope(threadId, null, null, null, null, null);
	}

	/**
	 * The objects of one run: its steps, or the messages it wrote.
	 * @param threadId the thread of the run
	 * @param runId the run
	 * @return the scope
	 */
	public static Scope run(String threadId, String runId) {
		return new Scope(threadId, runId, null, null, null, null);
	}

	/**
	 * The files of one purpose.
	 * @param purpose the purpose
	 * @return the scope
	 */
	public static Scope purpose(String purpose) {
		return new Scope(null, null, purpose, null, null, null);
	}

	/**
	 * The files of one vector store.
	 * @param vectorStoreId the vector store
	 * @return the scope
	 */
	public static Scope vectorStore(String vectorStoreId) {
		return new Scope(null, null, null, vectorStoreId, null, null);
	}

	/**
	 * The files of a vector store that one batch added.
	 * @param vectorStoreId the vector store
	 * @param batchId the batch
	 * @return the scope
	 */
	public static Scope batch(String vectorStoreId, String batchId) {
		return new Scope(null, null, null, vectorStoreId, batchId, null);
	}

	/**
	 * The vector store files of one file, in every vector store.
	 * @param fileId the file
	 * @return the scope
	 */
	public static Scope file(String fileId) {
		return new Scope(null, null, null, null, null, fileId);
	}

}
