package dev.assistants.engine.store;

import java.util.function.Function;

/**
 * Where the engine keeps the API's objects. All access goes through a transaction, so that what
 * the engine checks and what it writes happen as one: a run created on a thread that has none
 * active, a message added to a thread whose runs have all stopped, a run whose status moves on only
 * from the status it was read in.
 * <p>
 * Implementations may block: the engine calls them off the event loop, unless they say they never
 * do ({@link #blocks()}).
 */
public interface AssistantsStore {

	/**
	 * Run work in one transaction: committed when it returns, rolled back when it throws (the
	 * exception then propagates unchanged).
	 * @param <T> what the work returns
	 * @param work the work
	 * @return what the work returned
	 */
	<T> T inTransaction(Function<StoreTransaction, T> work);

	/**
	 * Run work that only reads (it never writes or locks): a store may run each of its reads on its
	 * own, without a transaction around them, which costs less (each read sees what was committed
	 * when it runs). A transaction by default.
	 * @param <T> what the work returns
	 * @param work the work
	 * @return what the work returned
	 */
	default <T> T read(Function<StoreTransaction, T> work) {
		return inTransaction(work);
	}

	/**
	 * Where the store keeps the contents of files, beside their objects: shared by every engine on
	 * the store, as the objects are.
	 * @return the blob store
	 */
	BlobStore blobs();

	/**
	 * Whether {@link StoreTransaction#searchChunks} compares vectors; if not, it searches by
	 * keywords only.
	 * @return {@code false} by default
	 */
	default boolean searchesVectors() {
		return false;
	}

	/**
	 * Get ready to keep and compare vectors of this many dimensions (such as by creating an index
	 * for them), if it {@linkplain #searchesVectors() compares vectors}. Called outside any
	 * transaction before chunks with such vectors are written, as often as they are: an
	 * implementation does its work once.
	 * @param dimensions the number of dimensions
	 */
	default void prepareVectors(int dimensions) {
	}

	/**
	 * Whether a transaction may block the calling thread (on I/O or a lock held for long): the
	 * engine then runs it on a scheduler for blocking work; otherwise where the request is handled.
	 * @return {@code true} by default
	 */
	default boolean blocks() {
		return true;
	}

}
