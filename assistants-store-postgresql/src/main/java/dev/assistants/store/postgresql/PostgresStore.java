package dev.assistants.store.postgresql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assistants.api.RunStatus;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.BlobStore;
import dev.assistants.engine.store.Chunk;
import dev.assistants.engine.store.ChunkHit;
import dev.assistants.engine.store.ChunkSearch;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Page;
import dev.assistants.engine.store.PageRequest;
import dev.assistants.engine.store.RunLease;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;
import dev.assistants.engine.store.StoreUnavailableException;
import dev.assistants.engine.store.StoredObject;
import dev.assistants.engine.store.StoredRun;

/**
 * Keeps the API's objects in PostgreSQL: one table per kind, each object's body as {@code jsonb}
 * beside real, indexed columns for what is queried (project, thread, run, status, creation order),
 * and the contents of files in parts of a mebibyte.
 * A transaction of the engine is a database transaction; locks are row locks
 * ({@code SELECT ... FOR UPDATE}), so the API's invariants hold across connections and across
 * servers on one database, and a unique index refuses a second active run on a thread whatever
 * happens. Lists page by keyset on the creation order. Every statement is parameterized.
 * <p>
 * The chunks of vector stores' files are ranked by PostgreSQL's full-text search and, with
 * pgvector, by the cosine distance of their vectors under an HNSW index.
 * <p>
 * The schema comes with the store as Flyway migrations at {@link #MIGRATIONS}: apply them with
 * {@link #migrate(DataSource)}. Their history has a table of its own ({@value #SCHEMA_HISTORY}), so
 * that they live beside an application's own migrations in one database.
 */
public final class PostgresStore implements AssistantsStore {

	/** Where the store's Flyway migrations are. */
	public static final String MIGRATIONS = "classpath:dev/assistants/store/postgresql/migration";

	/** The table of the store's migration history. */
	public static final String SCHEMA_HISTORY = "assistants_schema_history";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final TransactionTemplate reads;

	private final JsonMapper json = JsonMapper.builder().build();

	private final PostgresBlobStore blobs;

	private final PostgresChunks chunks;

	/**
	 * Create a store on a data source, with transactions of its own.
	 * @param dataSource the database
	 */
	public PostgresStore(DataSource dataSource) {
		this(dataSource, new DataSourceTransactionManager(dataSource));
	}

	/**
	 * Create a store on a data source, with the application's transactions.
	 * @param dataSource the database
	 * @param transactionManager the transaction manager of that database
	 */
	public PostgresStore(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.reads = new TransactionTemplate(transactionManager);
		this.reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		this.blobs = new PostgresBlobStore(this.jdbc, this);
		this.chunks = new PostgresChunks(this.jdbc, dataSource);
	}

	/**
	 * Create or update the store's tables.
	 * @param dataSource the database
	 */
	public static void migrate(DataSource dataSource) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations(MIGRATIONS)
			.javaMigrations(SchemaMigrations.runExpiry(), SchemaMigrations.runStatusIndexes())
			.table(SCHEMA_HISTORY)
			.load()
			.migrate();
		PostgresChunks.enableVectors(JdbcClient.create(dataSource));
	}

	/**
	 * Compares vectors if pgvector is installed in the database ({@code CREATE EXTENSION vector}),
	 * with an HNSW index for each number of dimensions; otherwise searches by keywords only.
	 */
	@Override
	public boolean searchesVectors() {
		return this.chunks.searchesVectors();
	}

	/**
	 * Create the HNSW index of vectors of this many dimensions, once, on a connection of its own.
	 */
	@Override
	public void prepareVectors(int dimensions) {
		this.chunks.index(dimensions);
	}

	/**
	 * The contents of files, in the database beside their objects: any server on it reads them.
	 */
	@Override
	public BlobStore blobs() {
		return this.blobs;
	}

	/**
	 * Run work in one database transaction. A database that cannot be reached, that gives no
	 * connection in time, or whose connection breaks (the rollback, or the commit, failing with it)
	 * fails it with a {@link StoreUnavailableException}.
	 */
	@Override
	public <T> T inTransaction(Function<StoreTransaction, T> work) {
		return execute(this.transactions, work);
	}

	/**
	 * Run reads each on its own, outside a transaction: a read of one row is one round trip to the
	 * database, with no {@code COMMIT} after it.
	 */
	@Override
	public <T> T read(Function<StoreTransaction, T> work) {
		return execute(this.reads, work);
	}

	private <T> T execute(TransactionTemplate template, Function<StoreTransaction, T> work) {
		try {
			return template.execute((status) -> work.apply(new Transaction()));
		}
		catch (TransientDataAccessException | DataAccessResourceFailureException | CannotCreateTransactionException
				| TransactionSystemException ex) {
			throw new StoreUnavailableException("The database cannot be reached: " + ex.getMostSpecificCause().getMessage(),
					ex);
		}
	}

	private final class Transaction implements StoreTransaction {

		@Override
		public void insert(ObjectKind kind, String project, ObjectNode object) {
			Table table = Table.of(kind);
			StatementSpec insert = PostgresStore.this.jdbc.sql(table.insert())
				.param("id", kind.key(object))
				.param("project", project)
				.param("created_at", object.path("created_at").asLong())
				.param("body", json(object));
			for (String column : table.columns()) {
				insert = insert.param(column, column(table, object, column));
			}
			insert.update();
		}

		@Override
		public Optional<ObjectNode> find(ObjectKind kind, String project, String id) {
			return select(kind, project, id, "");
		}

		@Override
		public Optional<ObjectNode> lock(ObjectKind kind, String project, String id) {
			return select(kind, project, id, " for update");
		}

		private Optional<ObjectNode> select(ObjectKind kind, String project, String id, String locking) {
			return PostgresStore.this.jdbc
				.sql("select body::text from " + Table.of(kind).table() + " where id = :id and project = :project"
						+ locking)
				.param("id", id)
				.param("project", project)
				.query(String.class)
				.optional()
				.map(PostgresStore.this::object);
		}

		@Override
		public void update(ObjectKind kind, String project, ObjectNode object) {
			Table table = Table.of(kind);
			StatementSpec update = PostgresStore.this.jdbc.sql(table.update())
				.param("id", kind.key(object))
				.param("project", project)
				.param("body", json(object));
			for (String column : table.columns()) {
				update = update.param(column, column(table, object, column));
			}
			int updated = update.update();
			if (updated != 1) {
				throw new IllegalStateException(
						"No " + kind.description() + " " + object.path("id").asString() + " to update");
			}
		}

		@Override
		public void delete(ObjectKind kind, String project, String id) {
			PostgresStore.this.jdbc.sql("delete from " + Table.of(kind).table() + " where id = :id and project = :project")
				.param("id", id)
				.param("project", project)
				.update();
		}

		@Override
		public Page page(ObjectKind kind, String project, Scope scope, PageRequest request) {
			String table = Table.of(kind).table();
			StringBuilder sql = new StringBuilder("select body::text from ").append(table)
				.append(" where project = :project")
				.append(scope(scope));
			if (request.after() != null) {
				sql.append(" and seq ").append(request.ascending() ? ">" : "<")
					.append(" (select seq from ").append(table).append(" where id = :after)");
			}
			if (request.before() != null) {
				sql.append(" and seq ").append(request.ascending() ? "<" : ">")
					.append(" (select seq from ").append(table).append(" where id = :before)");
			}
			// the page before a cursor is the one closest to it: read from the cursor backwards
			boolean ascending = request.ascending() != request.backwards();
			sql.append(" order by seq ").append(ascending ? "asc" : "desc").append(" limit :limit");
			StatementSpec query = scoped(PostgresStore.this.jdbc.sql(sql.toString()), scope).param("project", project)
				.param("limit", request.limit() + 1);
			if (request.after() != null) {
				query = query.param("after", request.after());
			}
			if (request.before() != null) {
				query = query.param("before", request.before());
			}
			List<ObjectNode> rows = new ArrayList<>(query.query(String.class).list().stream().map(PostgresStore.this::object).toList());
			boolean hasMore = rows.size() > request.limit();
			List<ObjectNode> page = new ArrayList<>(rows.subList(0, Math.min(rows.size(), request.limit())));
			if (request.backwards()) {
				Collections.reverse(page);
			}
			return new Page(page, hasMore);
		}

		@Override
		public List<ObjectNode> list(ObjectKind kind, String project, Scope scope) {
			return scoped(PostgresStore.this.jdbc.sql("select body::text from " + Table.of(kind).table()
					+ " where project = :project" + scope(scope) + " order by seq"), scope)
				.param("project", project)
				.query(String.class)
				.list()
				.stream()
				.map(PostgresStore.this::object)
				.toList();
		}

		@Override
		public Optional<ObjectNode> activeRun(String project, String threadId) {
			return PostgresStore.this.jdbc
				.sql("select body::text from runs where project = :project and thread_id = :thread_id and status in "
						+ RunStatusSql.ACTIVE + " limit 1")
				.param("project", project)
				.param("thread_id", threadId)
				.query(String.class)
				.optional()
				.map(PostgresStore.this::object);
		}

		@Override
		public List<StoredRun> dueRuns(long now, int limit) {
			// expires_at is set only while a run has not stopped: the index holds the runs that can expire
			return PostgresStore.this.jdbc
				.sql("select project, thread_id, id, status, expires_at from runs where expires_at <= :now "
						+ "order by expires_at limit :limit for update skip locked")
				.param("now", now)
				.param("limit", limit)
				.query(PostgresStore::storedRun)
				.list();
		}

		@Override
		public List<StoredObject> expiredFiles(long now, int limit) {
			return expired(Table.FILES, now, limit);
		}

		@Override
		public List<StoredObject> expiredUploads(long now, int limit) {
			// expires_at is set only while an upload is pending: the index holds the uploads that can expire
			return expired(Table.UPLOADS, now, limit);
		}

		/** The objects whose expires_at has come, read by the table's index of what expires. */
		private List<StoredObject> expired(Table table, long now, int limit) {
			return PostgresStore.this.jdbc
				.sql("select project, id from " + table.table() + " where expires_at <= :now order by expires_at "
						+ "limit :limit for update skip locked")
				.param("now", now)
				.param("limit", limit)
				.query((row, number) -> new StoredObject(row.getString("project"), row.getString("id")))
				.list();
		}

		@Override
		public List<StoredObject> filesToIngest(long nowMillis, int limit) {
			return PostgresStore.this.jdbc
				.sql("select project, id from vector_store_files where status = 'in_progress' "
						+ "and coalesce(ingest_until, 0) < :now order by ingest_until, seq limit :limit "
						+ "for update skip locked")
				.param("now", nowMillis)
				.param("limit", limit)
				.query((row, number) -> new StoredObject(row.getString("project"), row.getString("id")))
				.list();
		}

		@Override
		public void replaceChunks(String project, String vectorStoreId, String fileId, List<Chunk> chunks) {
			deleteChunks(project, vectorStoreId, fileId);
			PostgresStore.this.chunks.insert(project, vectorStoreId, fileId, chunks);
		}

		@Override
		public void deleteChunks(String project, String vectorStoreId, @Nullable String fileId) {
			PostgresStore.this.jdbc
				.sql("delete from vector_store_chunks where project = :project and vector_store_id = :vector_store_id"
						+ ((fileId != null) ? " and file_id = :file_id" : ""))
				.param("project", project)
				.param("vector_store_id", vectorStoreId)
				.param("file_id", fileId)
				.update();
		}

		@Override
		public List<Chunk> chunks(String project, String vectorStoreId, String fileId) {
			return PostgresStore.this.jdbc
				.sql("select chunk_index, text from vector_store_chunks where project = :project "
						+ "and vector_store_id = :vector_store_id and file_id = :file_id order by chunk_index")
				.param("project", project)
				.param("vector_store_id", vectorStoreId)
				.param("file_id", fileId)
				.query((row, number) -> new Chunk(row.getInt("chunk_index"), row.getString("text"), null, null))
				.list();
		}

		@Override
		public List<ChunkHit> searchChunks(ChunkSearch search) {
			return PostgresStore.this.chunks.search(search);
		}

		@Override
		public int queuedRuns() {
			return PostgresStore.this.jdbc.sql("select count(*) from runs where status = :queued")
				.param("queued", RunStatus.QUEUED.value())
				.query(Integer.class)
				.single();
		}

		@Override
		public void leaseRun(String runId, String owner, Duration duration) {
			PostgresStore.this.jdbc
				.sql("update runs set lease_owner = :owner, lease_until = now() + :millis * interval '1 millisecond' "
						+ "where id = :id")
				.param("owner", owner)
				.param("millis", duration.toMillis())
				.param("id", runId)
				.update();
		}

		@Override
		public Map<String, RunLease> renewRunLeases(String owner, Collection<String> runIds, Duration duration) {
			if (runIds.isEmpty()) {
				return Map.of();
			}
			Map<String, RunLease> runs = new LinkedHashMap<>();
			PostgresStore.this.jdbc
				// one update of every run asked about, so that each status is the one the lease is read
				// with, also when the update waited for a transaction that stopped the run
				.sql("update runs set lease_until = case when lease_owner = :owner then clock_timestamp() + :millis "
						+ "* interval '1 millisecond' else lease_until end where id in (:ids) "
						+ "returning id, status, coalesce(lease_owner = :owner, false) as held")
				.param("millis", duration.toMillis())
				.param("owner", owner)
				.param("ids", runIds)
				.query((row) -> {
					runs.put(row.getString("id"), new RunLease(row.getString("status"), row.getBoolean("held")));
				});
			return runs;
		}

		@Override
		public List<StoredRun> takeOverRuns(String owner, Duration duration, int limit) {
			return PostgresStore.this.jdbc
				.sql("update runs set lease_owner = :owner, lease_until = now() + :millis * interval '1 millisecond' "
						+ "where id in (select id from runs where status in " + RunStatusSql.EXECUTED + " "
						+ "and (lease_until is null or lease_until < clock_timestamp()) "
						+ "order by seq limit :limit for update skip locked) "
						+ "returning project, thread_id, id, status, seq, expires_at")
				.param("owner", owner)
				.param("millis", duration.toMillis())
				.param("limit", limit)
				.query((row, number) -> new Taken(row.getLong("seq"), storedRun(row, number)))
				.list()
				.stream()
				.sorted(Comparator.comparingLong(Taken::seq))
				.map(Taken::run)
				.toList();
		}

		@Override
		public boolean claimTask(String task) {
			return Boolean.TRUE.equals(PostgresStore.this.jdbc.sql("select pg_try_advisory_xact_lock(hashtext(:task))")
				.param("task", "assistants:" + task)
				.query(Boolean.class)
				.single());
		}

		private static String scope(Scope scope) {
			return ((scope.threadId() != null) ? " and thread_id = :thread_id" : "")
					+ ((scope.runId() != null) ? " and run_id = :run_id" : "")
					+ ((scope.purpose() != null) ? " and purpose = :purpose" : "")
					+ ((scope.vectorStoreId() != null) ? " and vector_store_id = :vector_store_id" : "")
					+ ((scope.batchId() != null) ? " and batch_id = :batch_id" : "")
					+ ((scope.fileId() != null) ? " and file_id = :file_id" : "");
		}

		private static StatementSpec scoped(StatementSpec statement, Scope scope) {
			StatementSpec scoped = statement;
			if (scope.threadId() != null) {
				scoped = scoped.param("thread_id", scope.threadId());
			}
			if (scope.runId() != null) {
				scoped = scoped.param("run_id", scope.runId());
			}
			if (scope.purpose() != null) {
				scoped = scoped.param("purpose", scope.purpose());
			}
			if (scope.vectorStoreId() != null) {
				scoped = scoped.param("vector_store_id", scope.vectorStoreId());
			}
			if (scope.batchId() != null) {
				scoped = scoped.param("batch_id", scope.batchId());
			}
			if (scope.fileId() != null) {
				scoped = scoped.param("file_id", scope.fileId());
			}
			return scoped;
		}

	}

	/** A run taken over, with its place in the order of creation, as UPDATE ... RETURNING has none. */
	private record Taken(long seq, StoredRun run) {
	}

	private static StoredRun storedRun(ResultSet row, int number) throws SQLException {
		return new StoredRun(row.getString("project"), row.getString("thread_id"), row.getString("id"),
				row.getString("status"), row.getLong("expires_at"));
	}

	/**
	 * A column's value from an object's body: its text, but for {@code expires_at}, a number, which
	 * for a run holds when it expires only while it has not stopped, and for an upload only while it
	 * is pending (what the sweeps may expire).
	 */
	private static @Nullable Object column(Table table, ObjectNode object, String column) {
		if ("file_id".equals(column)) {
			return object.path("id").asString();
		}
		if ("batch_id".equals(column)) {
			return object.path(ObjectKind.BATCH_ID_FIELD).asString(null);
		}
		if ("ingest_until".equals(column)) {
			JsonNode until = object.path(ObjectKind.INGEST_UNTIL_FIELD);
			return until.isNumber() ? until.asLong() : null;
		}
		if (!"expires_at".equals(column)) {
			return object.path(column).asString(null);
		}
		JsonNode expiresAt = object.path("expires_at");
		String status = object.path("status").asString();
		boolean expires = expiresAt.isNumber() && switch (table) {
			case RUNS -> StoreTransaction.ACTIVE_RUN_STATUSES.contains(status);
			case UPLOADS -> "pending".equals(status);
			default -> true;
		};
		return expires ? expiresAt.asLong() : null;
	}

	private String json(ObjectNode object) {
		return this.json.writeValueAsString(object);
	}

	private ObjectNode object(String body) {
		return (ObjectNode) this.json.readTree(body);
	}

}
