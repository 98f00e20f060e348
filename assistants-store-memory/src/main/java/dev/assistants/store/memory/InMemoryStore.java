package dev.assistants.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.RunStatus;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.Chunk;
import dev.assistants.engine.store.ChunkHit;
import dev.assistants.engine.store.ChunkSearch;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Page;
import dev.assistants.engine.store.PageRequest;
import dev.assistants.engine.store.RunLease;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;
import dev.assistants.engine.store.StoredObject;
import dev.assistants.engine.store.StoredRun;

/**
 * Keeps the API's objects in memory, for the emulator, tests and development: nothing survives the
 * process. Transactions run one at a time, and one that throws is undone. A thread's messages, runs
 * and steps are indexed by the thread; lists of assistants and threads are found by scanning. The
 * contents of files are kept in a temporary directory, deleted when the store is closed.
 */
public final class InMemoryStore implements AssistantsStore, AutoCloseable {

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<ObjectKind, Objects> objects = new EnumMap<>(ObjectKind.class);

	private static final List<String> ACTIVE_RUN_STATUSES = StoreTransaction.ACTIVE_RUN_STATUSES;

	private static final List<String> EXECUTED_RUN_STATUSES = StoreTransaction.EXECUTED_RUN_STATUSES;

	private static final String BATCH_ID = ObjectKind.BATCH_ID_FIELD;

	private static final String INGEST_UNTIL = ObjectKind.INGEST_UNTIL_FIELD;

	/** Who executes each run, and until when (epoch milliseconds), unless the lease is renewed. */
	private final Map<String, Lease> leases = new HashMap<>();

	private final Clock clock;

	private final ChunkIndex chunks = new ChunkIndex();

	private long sequence;

	private @Nullable DirectoryBlobStore blobs;

	/**
	 * Create an empty store whose leases run on the system clock.
	 */
	public InMemoryStore() {
		this(Clock.systemUTC());
	}

	/**
	 * Create an empty store.
	 * @param clock the clock the runs' leases run on
	 */
	public InMemoryStore(Clock clock) {
		this.clock = clock;
		for (ObjectKind kind : ObjectKind.values()) {
			this.objects.put(kind, new Objects(kind == ObjectKind.RUN));
		}
	}

	/**
	 * The contents of files, in a temporary directory made when the first file comes.
	 */
	@Override
	public synchronized DirectoryBlobStore blobs() {
		if (this.blobs == null) {
			this.blobs = DirectoryBlobStore.temporary();
		}
		return this.blobs;
	}

	/**
	 * Delete the contents of the files kept.
	 */
	@Override
	public synchronized void close() {
		this.chunks.close();
		if (this.blobs != null) {
			this.blobs.close();
			this.blobs = null;
		}
	}

	@Override
	public <T> T inTransaction(Function<StoreTransaction, T> work) {
		this.lock.lock();
		try {
			Transaction transaction = new Transaction();
			try {
				T result = work.apply(transaction);
				transaction.onCommit.forEach(Runnable::run);
				return result;
			}
			catch (RuntimeException | Error ex) {
				transaction.undo();
				throw ex;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Compares vectors: one by one, with every chunk of the vector stores searched.
	 * @return {@code true}
	 */
	@Override
	public boolean searchesVectors() {
		return true;
	}

	/**
	 * Never blocks: a transaction holds the store's lock only while it reads and writes memory.
	 * @return {@code false}
	 */
	@Override
	public boolean blocks() {
		return false;
	}

	/**
	 * Forget every object.
	 */
	public void clear() {
		inTransaction((tx) -> {
			this.objects.values().forEach(Objects::clear);
			this.chunks.clear();
			this.leases.clear();
			return null;
		});
	}

	private record Lease(String owner, long until) {
	}

	/**
	 * One stored object: who owns it, where it stands in the order of creation, and its body.
	 */
	private record Stored(String project, long sequence, String key, ObjectNode body) {

		String id() {
			return this.body.path("id").asString();
		}

		@Nullable String field(String name) {
			return this.body.path(name).asString(null);
		}

	}

	/**
	 * The objects of one kind, by ID, and in the order they were created: all of them, those of each
	 * thread, and for runs those that have not stopped.
	 */
	private static final class Objects {

		private final Map<String, Stored> byId = new HashMap<>();

		private final TreeMap<Long, Stored> inOrder = new TreeMap<>();

		private final Map<String, TreeMap<Long, Stored>> byThread = new HashMap<>();

		private final @Nullable TreeMap<Long, Stored> active;

		Objects(boolean runs) {
			this.active = runs ? new TreeMap<>() : null;
		}

		@Nullable Stored get(String id) {
			return this.byId.get(id);
		}

		void put(Stored stored) {
			this.byId.put(stored.key(), stored);
			this.inOrder.put(stored.sequence(), stored);
			String threadId = stored.field("thread_id");
			if (threadId != null) {
				this.byThread.computeIfAbsent(threadId, (id) -> new TreeMap<>()).put(stored.sequence(), stored);
			}
			if (this.active != null) {
				if (ACTIVE_RUN_STATUSES.contains(stored.field("status"))) {
					this.active.put(stored.sequence(), stored);
				}
				else {
					this.active.remove(stored.sequence());
				}
			}
		}

		void remove(Stored stored) {
			this.byId.remove(stored.key());
			this.inOrder.remove(stored.sequence());
			String threadId = stored.field("thread_id");
			TreeMap<Long, Stored> ofThread = (threadId != null) ? this.byThread.get(threadId) : null;
			if (ofThread != null) {
				ofThread.remove(stored.sequence());
				if (ofThread.isEmpty()) {
					this.byThread.remove(threadId);
				}
			}
			if (this.active != null) {
				this.active.remove(stored.sequence());
			}
		}

		/** The runs that have not stopped, or every object if these are not runs. */
		Stream<Stored> active() {
			return (this.active != null) ? this.active.values().stream() : all();
		}

		Stream<Stored> all() {
			return this.inOrder.values().stream();
		}

		Stream<Stored> ofThread(String threadId) {
			TreeMap<Long, Stored> ofThread = this.byThread.get(threadId);
			return (ofThread != null) ? ofThread.values().stream() : Stream.empty();
		}

		void clear() {
			this.byId.clear();
			this.inOrder.clear();
			this.byThread.clear();
			if (this.active != null) {
				this.active.clear();
			}
		}

	}

	private final class Transaction implements StoreTransaction {

		private final Deque<Runnable> undo = new ArrayDeque<>();

		/** The changes of chunks, made once the transaction's work is done. */
		private final List<Runnable> onCommit = new ArrayList<>();

		@Override
		public void insert(ObjectKind kind, String project, ObjectNode object) {
			Stored stored = new Stored(project, ++InMemoryStore.this.sequence, kind.key(object), object.deepCopy());
			Objects objects = objects(kind);
			objects.put(stored);
			this.undo.push(() -> objects.remove(stored));
		}

		@Override
		public Optional<ObjectNode> find(ObjectKind kind, String project, String id) {
			return stored(kind, project, id).map((stored) -> stored.body().deepCopy());
		}

		@Override
		public Optional<ObjectNode> lock(ObjectKind kind, String project, String id) {
			return find(kind, project, id);
		}

		@Override
		public void update(ObjectKind kind, String project, ObjectNode object) {
			String id = object.path("id").asString();
			Stored previous = stored(kind, project, kind.key(object))
				.orElseThrow(() -> new IllegalStateException("No " + kind.description() + " " + id + " to update"));
			Objects objects = objects(kind);
			objects.put(new Stored(project, previous.sequence(), previous.key(), object.deepCopy()));
			this.undo.push(() -> objects.put(previous));
			if (kind == ObjectKind.RUN && !ACTIVE_RUN_STATUSES.contains(object.path("status").asString())) {
				endLease(id);
			}
		}

		@Override
		public void delete(ObjectKind kind, String project, String id) {
			stored(kind, project, id).ifPresent((stored) -> {
				remove(kind, stored);
				if (kind == ObjectKind.THREAD) {
					for (ObjectKind part : List.of(ObjectKind.MESSAGE, ObjectKind.RUN, ObjectKind.RUN_STEP)) {
						objects(part).ofThread(id).toList().forEach((candidate) -> remove(part, candidate));
					}
				}
				if (kind == ObjectKind.VECTOR_STORE) {
					for (ObjectKind part : List.of(ObjectKind.VECTOR_STORE_FILE, ObjectKind.VECTOR_STORE_FILE_BATCH)) {
						objects(part).all()
							.filter((candidate) -> id.equals(candidate.field("vector_store_id")))
							.toList()
							.forEach((candidate) -> remove(part, candidate));
					}
				}
			});
		}

		private void remove(ObjectKind kind, Stored stored) {
			Objects objects = objects(kind);
			objects.remove(stored);
			this.undo.push(() -> objects.put(stored));
			if (kind == ObjectKind.RUN) {
				endLease(stored.id());
			}
		}

		/** A run that stops, or is deleted, is nobody's to execute any more. */
		private void endLease(String runId) {
			Lease previous = InMemoryStore.this.leases.remove(runId);
			if (previous != null) {
				this.undo.push(() -> InMemoryStore.this.leases.put(runId, previous));
			}
		}

		@Override
		public Page page(ObjectKind kind, String project, Scope scope, PageRequest request) {
			List<Stored> ordered = new ArrayList<>(inScope(kind, project, scope).toList());
			if (!request.ascending()) {
				Collections.reverse(ordered);
			}
			int from = position(ordered, request.after()) + 1;
			int to = (request.before() != null) ? position(ordered, request.before()) : ordered.size();
			List<Stored> selected = (from < to) ? ordered.subList(from, to) : List.of();
			int size = Math.min(request.limit(), selected.size());
			List<Stored> page = request.backwards() ? selected.subList(selected.size() - size, selected.size())
					: selected.subList(0, size);
			return new Page(page.stream().map((stored) -> stored.body().deepCopy()).toList(), selected.size() > size);
		}

		@Override
		public List<ObjectNode> list(ObjectKind kind, String project, Scope scope) {
			return inScope(kind, project, scope).map((stored) -> stored.body().deepCopy()).toList();
		}

		@Override
		public Optional<ObjectNode> activeRun(String project, String threadId) {
			return inScope(ObjectKind.RUN, project, Scope.thread(threadId))
				.filter((run) -> ACTIVE_RUN_STATUSES.contains(run.field("status")))
				.findFirst()
				.map((run) -> run.body().deepCopy());
		}

		@Override
		public List<StoredRun> dueRuns(long now, int limit) {
			return objects(ObjectKind.RUN).active()
				.map(InMemoryStore::storedRun)
				.filter((run) -> run.expiresAt() > 0 && run.expiresAt() <= now)
				.sorted(Comparator.comparingLong(StoredRun::expiresAt))
				.limit(limit)
				.toList();
		}

		@Override
		public List<StoredObject> expiredFiles(long now, int limit) {
			return objects(ObjectKind.FILE).all()
				.filter((file) -> file.body().path("expires_at").isNumber()
						&& file.body().path("expires_at").asLong() <= now)
				.sorted(Comparator.comparingLong((Stored file) -> file.body().path("expires_at").asLong()))
				.limit(limit)
				.map((file) -> new StoredObject(file.project(), file.id()))
				.toList();
		}

		@Override
		public List<StoredObject> expiredUploads(long now, int limit) {
			return objects(ObjectKind.UPLOAD).all()
				.filter((upload) -> "pending".equals(upload.field("status"))
						&& upload.body().path("expires_at").asLong(Long.MAX_VALUE) <= now)
				.sorted(Comparator.comparingLong((Stored upload) -> upload.body().path("expires_at").asLong()))
				.limit(limit)
				.map((upload) -> new StoredObject(upload.project(), upload.id()))
				.toList();
		}

		@Override
		public List<StoredObject> filesToIngest(long nowMillis, int limit) {
			return objects(ObjectKind.VECTOR_STORE_FILE).all()
				.filter((file) -> "in_progress".equals(file.field("status"))
						&& file.body().path(INGEST_UNTIL).asLong(0) < nowMillis)
				.limit(limit)
				.map((file) -> new StoredObject(file.project(), file.key()))
				.toList();
		}

		@Override
		public void replaceChunks(String project, String vectorStoreId, String fileId, List<Chunk> chunks) {
			this.onCommit.add(() -> InMemoryStore.this.chunks.replace(project, vectorStoreId, fileId, chunks));
		}

		@Override
		public void deleteChunks(String project, String vectorStoreId, @Nullable String fileId) {
			this.onCommit.add(() -> InMemoryStore.this.chunks.delete(project, vectorStoreId, fileId));
		}

		@Override
		public List<Chunk> chunks(String project, String vectorStoreId, String fileId) {
			return InMemoryStore.this.chunks.chunks(project, vectorStoreId, fileId);
		}

		@Override
		public List<ChunkHit> searchChunks(ChunkSearch search) {
			return InMemoryStore.this.chunks.search(search);
		}

		@Override
		public int queuedRuns() {
			return (int) objects(ObjectKind.RUN).active()
				.filter((run) -> RunStatus.QUEUED.value().equals(run.field("status")))
				.count();
		}

		@Override
		public void leaseRun(String runId, String owner, Duration duration) {
			lease(runId, new Lease(owner, now() + duration.toMillis()));
		}

		@Override
		public Map<String, RunLease> renewRunLeases(String owner, Collection<String> runIds, Duration duration) {
			Map<String, RunLease> runs = new LinkedHashMap<>();
			for (String runId : runIds) {
				Stored run = objects(ObjectKind.RUN).get(runId);
				if (run != null) {
					Lease lease = InMemoryStore.this.leases.get(runId);
					boolean held = lease != null && lease.owner().equals(owner);
					if (held) {
						lease(runId, new Lease(owner, now() + duration.toMillis()));
					}
					runs.put(runId, new RunLease(run.field("status"), held));
				}
			}
			return runs;
		}

		@Override
		public List<StoredRun> takeOverRuns(String owner, Duration duration, int limit) {
			long now = now();
			List<StoredRun> taken = objects(ObjectKind.RUN).active()
				.filter((run) -> EXECUTED_RUN_STATUSES.contains(run.field("status")))
				.map(InMemoryStore::storedRun)
				.filter((run) -> {
					Lease lease = InMemoryStore.this.leases.get(run.runId());
					return lease == null || lease.until() < now;
				})
				.limit(limit)
				.toList();
			taken.forEach((run) -> lease(run.runId(), new Lease(owner, now + duration.toMillis())));
			return taken;
		}

		/**
		 * Always {@code true}: transactions run one at a time, and the store is one process's.
		 */
		@Override
		public boolean claimTask(String task) {
			return true;
		}

		private void lease(String runId, Lease lease) {
			Lease previous = InMemoryStore.this.leases.put(runId, lease);
			this.undo.push(() -> {
				if (previous != null) {
					InMemoryStore.this.leases.put(runId, previous);
				}
				else {
					InMemoryStore.this.leases.remove(runId);
				}
			});
		}

		private long now() {
			return InMemoryStore.this.clock.millis();
		}

		void undo() {
			while (!this.undo.isEmpty()) {
				this.undo.pop().run();
			}
		}

		private Optional<Stored> stored(ObjectKind kind, String project, String id) {
			return Optional.ofNullable(objects(kind).get(id)).filter((stored) -> stored.project().equals(project));
		}

		private Stream<Stored> inScope(ObjectKind kind, String project, Scope scope) {
			Objects objects = objects(kind);
			return ((scope.threadId() != null) ? objects.ofThread(scope.threadId()) : objects.all())
				.filter((stored) -> stored.project().equals(project)
						&& (scope.runId() == null || scope.runId().equals(stored.field("run_id")))
						&& (scope.purpose() == null || scope.purpose().equals(stored.field("purpose")))
						&& (scope.vectorStoreId() == null || scope.vectorStoreId().equals(stored.field("vector_store_id")))
						&& (scope.batchId() == null || scope.batchId().equals(stored.field(BATCH_ID)))
						&& (scope.fileId() == null || scope.fileId().equals(stored.id())));
		}

		private static int position(List<Stored> objects, @Nullable String id) {
			if (id == null) {
				return -1;
			}
			for (int i = 0; i < objects.size(); i++) {
				if (id.equals(objects.get(i).key())) {
					return i;
				}
			}
			return -1;
		}

		private Objects objects(ObjectKind kind) {
			return InMemoryStore.this.objects.get(kind);
		}

	}

	private static StoredRun storedRun(Stored run) {
		return new StoredRun(run.project(), run.field("thread_id"), run.id(), run.field("status"),
				run.body().path("expires_at").asLong(0));
	}

}
