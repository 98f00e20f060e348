package dev.assistants.engine.store;

/**
 * The kinds of object the API keeps. Each object is stored as its JSON body in the
 * specification's shape; a store takes the fields it indexes from that body:
 * <ul>
 * <li>every kind: {@code id} and {@code created_at};</li>
 * <li>{@link #MESSAGE}: {@code thread_id} and {@code run_id};</li>
 * <li>{@link #RUN}: {@code thread_id}, {@code assistant_id} and {@code status};</li>
 * <li>{@link #RUN_STEP}: {@code thread_id}, {@code run_id} and {@code status};</li>
 * <li>{@link #FILE}: {@code purpose}.</li>
 * </ul>
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
	UPLOAD("upload");

	private final String description;

	ObjectKind(String description) {
		this.description = description;
	}

	/**
	 * The kind as the API names it in messages, such as {@code run step}.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
