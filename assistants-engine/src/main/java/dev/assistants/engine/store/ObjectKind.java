package dev.assistants.engine.store;

import tools.jackson.databind.node.ObjectNode;

/**
 * The kinds of object the API keeps. Each object is stored as its JSON body in the
 * specification's shape; a store takes the fields it indexes from that body:
 * <ul>
 * <li>every kind: {@code id} and {@code created_at};</li>
 * <li>{@link #MESSAGE}: {@code thread_id} and {@code run_id};</li>
 * <li>{@link #RUN}: {@code thread_id}, {@code assistant_id} and {@code status};</li>
 * <li>{@link #RUN_STEP}: {@code thread_id}, {@code run_id} and {@code status};</li>
 * <li>{@link #FILE}: {@code purpose};</li>
 * <li>{@link #VECTOR_STORE_FILE}: {@code vector_store_id}, {@code id} (its file), {@code status}, {@link #BATCH_ID_FIELD}
 * and {@link #INGEST_UNTIL_FIELD}.</li>
 * </ul>
 * A store keeps each object by its {@linkplain #key(ObjectNode) key}: its {@code id}, but for a
 * vector store file, whose {@code id} is its file's, the vector store's ID and its own.
 */
public enum ObjectKind {

	/** An assistant ({@code asst_...}). */
	ASSISTANT("assistant"),

	/** A thread ({@code thread_...}); deleting one deletes its messages, runs and run steps. */
	THREAD("thread"),

	/** A message of a thread ({@code msg_...}). */
	MESSAGE("message"),

	/** A run of a thread ({@code run_...}). */
	RUN("run"),

	/** A step of a run ({@code step_...}). */
	RUN_STEP("run step"),

	/** A file ({@code file-...}); its bytes are in the store's {@linkplain AssistantsStore#blobs() blobs}. */
	FILE("file"),

	/** An upload of a file in parts ({@code upload_...}). */
	UPLOAD("upload"),

	/** A vector store ({@code vs_...}); deleting one deletes its files and their chunks. */
	VECTOR_STORE("vector store"),

	/** A file of a vector store, whose {@code id} is its file's. */
	VECTOR_STORE_FILE("vector store file"),

	/** A batch of files added to a vector store ({@code vsfb_...}). */
	VECTOR_STORE_FILE_BATCH("vector store file batch");

	/**
	 * The field of a vector store file that holds the batch that added it, if one did: not shown by
	 * the API, indexed by the stores.
	 */
	public static final String BATCH_ID_FIELD = "_batch_id";

	/**
	 * The field of a vector store file that holds until when (Unix milliseconds) an engine ingests
	 * it: not shown by the API, indexed by the stores.
	 */
	public static final String INGEST_UNTIL_FIELD = "_ingest_until";

	private final String description;

	ObjectKind(String description) {
		this.description = description;
	}

	/**
	 * The key a store keeps an object of this kind by, which {@link StoreTransaction#find},
	 * {@link StoreTransaction#lock} and {@link StoreTransaction#delete} take.
	 * @param object the object
	 * @return its key
	 */
	public String key(ObjectNode object) {
		String id = object.path("id").asString();
		return (this != VECTOR_STORE_FILE) ? id : vectorStoreFileKey(object.path("vector_store_id").asString(), id);
	}

	/**
	 * The key of a file in a vector store.
	 * @param vectorStoreId the vector store
	 * @param fileId the file
	 * @return the key
	 */
	public static String vectorStoreFileKey(String vectorStoreId, String fileId) {
		return vectorStoreId + "/" + fileId;
	}

	/**
	 * The kind as the API names it in messages, such as {@code run step}.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
