package dev.assistants.engine.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.RunStatus;

/**
 * The reads and writes of one transaction. Every object belongs to a project, and every read
 * is confined to one: an object of another project is never found, listed or changed.
 * <p>
 * Objects go in and come out as JSON in the specification's shape; a store never keeps a
 * reference to one it was given or hands out one it keeps.
 */
public interface StoreTransaction {

	/**
	 * The statuses of a run that has not stopped ({@link RunStatus#ACTIVE}); a thread has at most one
	 * run in one of them.
	 */
	List<String> ACTIVE_RUN_STATUSES = RunStatus.ACTIVE.stream().map(RunStatus::value).sorted().toList();

	/**
	 * The statuses of a run that an engine executes, or is about to: the active ones but
	 * {@code requires_action}, where the run waits for its client instead.
	 */
	List<String> EXECUTED_RUN_STATUSES = ACTIVE_RUN_STATUSES.stream()
		.filter((status) -> !RunStatus.REQUIRES_ACTION.value().equals(status))
		.toList();

	/**
	 * Add a new object.
	 * @param kind its kind
	 * @param project the project that owns it
	 * @param object the object, with its {@code id} and {@code created_at}
	 */
	void insert(ObjectKind kind, String project, ObjectNode object);

	/**
	 * Read an object.
	 * @param kind its kind
	 * @param project the project of the caller
	 * @param id its ID ({@linkplain ObjectKind#key key})
	 * @return the object, or empty if the project has no such object
	 */
	Optional<ObjectNode> find(ObjectKind kind, String project, String id);

	/**
	 * Read an object and lock it until the transaction ends, so that no other transaction changes
	 * it meanwhile (or, for a thread, adds a message or a run to it).
	 * @param kind its kind
	 * @param project the project of the caller
	 * @param id its ID ({@linkplain ObjectKind#key key})
	 * @return the object, or empty if the project has no such object
	 */
	Optional<ObjectNode> lock(ObjectKind kind, String project, String id);

	/**
	 * Replace an object with a new version of it.
	 * @param kind its kind
	 * @param project the project that owns it
	 * @param object the new version, with the same {@code id}
	 */
	void update(ObjectKind kind, String project, ObjectNode object);

	/**
	 * Delete an object; deleting a thread deletes its messages, runs and run steps, deleting a
	 * vector store its files and batches (and the engine deletes their chunks).
	 * @param kind its kind
	 * @param project the project that owns it
	 * @param id its ID ({@linkplain ObjectKind#key key})
	 */
	void delete(ObjectKind kind, String project, String id);

	/**
	 * One page of the objects of a kind in a scope.
	 * @param kind the kind
	 * @param project the project of the caller
	 * @param scope the objects to list
	 * @param request the page
	 * @return the page
	 */
	Page page(ObjectKind kind, String project, Scope scope, PageRequest request);

	/**
	 * Every object of a kind in a scope, oldest first.
	 * @param kind the kind
	 * @param project the project of the caller
	 * @param scope the objects to list
	 * @return the objects
	 */
	List<ObjectNode> list(ObjectKind kind, String project, Scope scope);

	/**
	 * The thread's run that has not stopped (its status is one of {@link #ACTIVE_RUN_STATUSES}),
	 * if there is one.
	 * @param project the project of the thread
	 * @param threadId the thread
	 * @return the active run
	 */
	Optional<ObjectNode> activeRun(String project, String threadId);

	/**
	 * Lease a run to an engine: until the lease expires, at the store's clock now plus the
	 * duration, the run is that engine's to execute and no other takes it over. Called with the run
	 * locked, when it is queued to execute; it replaces any lease the run had. A run's lease ends
	 * when it stops (its status leaves {@link #ACTIVE_RUN_STATUSES}) or it is deleted.
	 * @param runId the run
	 * @param owner the engine, by its instance ID
	 * @param duration how long the lease lasts unless renewed
	 */
	void leaseRun(String runId, String owner, Duration duration);

	/**
	 * Renew the leases an engine holds, for the duration from now.
	 * @param owner the engine, by its instance ID
	 * @param runIds the runs it executes
	 * @param duration how long the leases last from now unless renewed again
	 * @return each of those runs that still exists, by run ID: its status, and whether the engine
	 * still holds it (and renewed its lease); a run that is missing was deleted
	 */
	Map<String, RunLease> renewRunLeases(String owner, Collection<String> runIds, Duration duration);

	/**
	 * Take over the runs an engine executes ({@link #EXECUTED_RUN_STATUSES}) whose lease has expired
	 * (their engine stopped renewing it) or that have none: each is leased to the new owner for the
	 * duration. A run another transaction has locked is skipped, so that engines taking over at once
	 * never take the same run.
	 * @param owner the engine that takes them, by its instance ID
	 * @param duration how long its leases last unless renewed
	 * @param limit the most runs to take at once
	 * @return the runs taken over, oldest first
	 */
	List<StoredRun> takeOverRuns(String owner, Duration duration, int limit);

	/**
	 * Whether this transaction is, among all the engines on the store, the one to do a background
	 * task now (expiring runs): the first to ask gets {@code true} and the others {@code false}
	 * until its transaction ends.
	 * @param task the task's name
	 * @return whether this transaction does the task
	 */
	boolean claimTask(String task);

	/**
	 * The runs, of any project, that have not stopped although their {@code expires_at} has come:
	 * read by an index on {@code expires_at}, so that the time it takes grows with the runs due, not
	 * with the runs waiting. A run another transaction has locked is skipped.
	 * @param now the time, in Unix seconds
	 * @param limit the most runs to read
	 * @return the runs due, those that expired first first
	 */
	List<StoredRun> dueRuns(long now, int limit);

	/**
	 * The files, of any project, whose {@code expires_at} has come. A file another transaction has
	 * locked is skipped.
	 * @param now the time, in Unix seconds
	 * @param limit the most files to read
	 * @return the files, those that expired first first
	 */
	List<StoredObject> expiredFiles(long now, int limit);

	/**
	 * The uploads, of any project, still {@code pending} although their {@code expires_at} has
	 * come. An upload another transaction has locked is skipped.
	 * @param now the time, in Unix seconds
	 * @param limit the most uploads to read
	 * @return the uploads, those that expired first first
	 */
	List<StoredObject> expiredUploads(long now, int limit);

	/**
	 * The files of vector stores, of any project, that are {@code in_progress} and that no engine
	 * ingests: whose {@code _ingest_until} (Unix milliseconds) is missing or has passed. A file
	 * another transaction has locked is skipped, so that engines looking at once never take the
	 * same file.
	 * @param nowMillis the time, in Unix milliseconds
	 * @param limit the most files to read
	 * @return the files, locked, oldest first
	 */
	List<StoredObject> filesToIngest(long nowMillis, int limit);

	/**
	 * Replace the chunks of a file in a vector store.
	 * @param project the project of the vector store
	 * @param vectorStoreId the vector store
	 * @param fileId the file
	 * @param chunks its chunks, in order
	 */
	void replaceChunks(String project, String vectorStoreId, String fileId, List<Chunk> chunks);

	/**
	 * Delete the chunks of a file in a vector store, or of all its files.
	 * @param project the project of the vector store
	 * @param vectorStoreId the vector store
	 * @param fileId the file, or {@code null} for every file of the vector store
	 */
	void deleteChunks(String project, String vectorStoreId, @Nullable String fileId);

	/**
	 * The chunks of a file in a vector store, in order, without their vectors.
	 * @param project the project of the vector store
	 * @param vectorStoreId the vector store
	 * @param fileId the file
	 * @return the chunks
	 */
	List<Chunk> chunks(String project, String vectorStoreId, String fileId);

	/**
	 * Search the chunks of vector stores of the project: the best {@link ChunkSearch#limit()} by
	 * keywords, ranked by the store's full-text engine, and, if the search has a vector and the
	 * store {@linkplain AssistantsStore#searchesVectors() searches vectors}, the best as many by
	 * cosine similarity to it among the chunks embedded by the same model; each found chunk with
	 * both its scores.
	 * @param search the search
	 * @return the chunks found, in no particular order
	 */
	List<ChunkHit> searchChunks(ChunkSearch search);

	/**
	 * How many runs, of any project, are {@code queued}.
	 * @return the count
	 */
	int queuedRuns();

}
