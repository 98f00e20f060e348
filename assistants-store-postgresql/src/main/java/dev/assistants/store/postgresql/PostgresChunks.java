package dev.assistants.store.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

import dev.assistants.engine.store.Chunk;
import dev.assistants.engine.store.ChunkHit;
import dev.assistants.engine.store.ChunkSearch;

/**
 * The chunks of vector stores' files in PostgreSQL: keyword search by full-text search (the
 * {@code english} configuration, any of the query's words, ranked by {@code ts_rank} normalized to
 * 0–1), and, with pgvector, vector search by cosine distance under an HNSW index of each number
 * of dimensions (an index of an expression, {@code embedding::vector(n)}, partial to the chunks of
 * n dimensions), scanned iteratively so that filters by vector store and file still fill the
 * results.
 */
final class PostgresChunks {

	private static final Log logger = LogFactory.getLog(PostgresChunks.class);

	/** The query's words, any of them: plainto_tsquery's conjunction made a disjunction. */
	private static final String ANY_WORD = "replace(plainto_tsquery('english', :text)::text, '&', '|')::tsquery";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final NamedParameterJdbcTemplate batches;

	private final Set<Integer> indexedDimensions = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Boolean vectors;

	PostgresChunks(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.batches = new NamedParameterJdbcTemplate(dataSource);
	}

	/**
	 * Add the vectors column if pgvector can be installed in the database, creating the extension
	 * unless it is there; a database without it searches by keywords only.
	 */
	static void enableVectors(JdbcClient jdbc) {
		boolean available = jdbc.sql("select exists (select 1 from pg_available_extensions where name = 'vector')")
			.query(Boolean.class)
			.single();
		if (!available) {
			logger.info("pgvector is not installed in the database: file search ranks by keywords only");
			return;
		}
		try {
			jdbc.sql("create extension if not exists vector").update();
			jdbc.sql("alter table vector_store_chunks add column if not exists embedding vector").update();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not enable pgvector (CREATE EXTENSION vector needs a privileged role once): file search "
					+ "ranks by keywords only", ex);
		}
	}

	boolean searchesVectors() {
		Boolean vectors = this.vectors;
		if (vectors == null) {
			vectors = this.jdbc.sql("select exists (select 1 from information_schema.columns where table_name = "
					+ "'vector_store_chunks' and column_name = 'embedding' and table_schema = current_schema())")
				.query(Boolean.class)
				.single();
			this.vectors = vectors;
		}
		return vectors;
	}

	/** Insert a file's chunks, in batches of statements: one round trip per batch, not per chunk. */
	void insert(String project, String vectorStoreId, String fileId, List<Chunk> chunks) {
		boolean withVectors = searchesVectors();
		String sql = "insert into vector_store_chunks (project, vector_store_id, file_id, chunk_index, text, "
				+ "embedding_model, embedding_dimensions" + (withVectors ? ", embedding" : "")
				+ ") values (:project, :vector_store_id, :file_id, :chunk_index, :text, :model, :dimensions"
				+ (withVectors ? ", cast(:embedding as vector)" : "") + ")";
		SqlParameterSource[] rows = new SqlParameterSource[chunks.size()];
		for (int i = 0; i < rows.length; i++) {
			Chunk chunk = chunks.get(i);
			boolean embedded = withVectors && chunk.vector() != null;
			MapSqlParameterSource row = new MapSqlParameterSource().addValue("project", project)
				.addValue("vector_store_id", vectorStoreId)
				.addValue("file_id", fileId)
				.addValue("chunk_index", chunk.index())
				.addValue("text", chunk.text())
				.addValue("model", embedded ? chunk.model() : null)
				.addValue("dimensions", embedded ? chunk.vector().length : null);
			if (withVectors) {
				row.addValue("embedding", embedded ? literal(chunk.vector()) : null);
			}
			rows[i] = row;
		}
		this.batches.batchUpdate(sql, rows);
	}

	/**
	 * The HNSW index of vectors of a number of dimensions, created once, by one connection at a time,
	 * outside any transaction: creating it waits for the writes under way to the chunks, which its
	 * caller holds none of.
	 */
	void index(int dimensions) {
		if (!searchesVectors() || this.indexedDimensions.contains(dimensions)) {
			return;
		}
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			statement.execute("select pg_advisory_lock(hashtext('assistants:vector-index'))");
			try {
				statement.execute("create index if not exists vector_store_chunks_embedding_" + dimensions
						+ " on vector_store_chunks using hnsw ((embedding::vector(" + dimensions + ")) vector_cosine_ops) "
						+ "where embedding_dimensions = " + dimensions);
			}
			finally {
				statement.execute("select pg_advisory_unlock(hashtext('assistants:vector-index'))");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the index of vectors of " + dimensions + " dimensions", ex);
		}
		this.indexedDimensions.add(dimensions);
	}

	List<ChunkHit> search(ChunkSearch search) {
		if (search.vectorStoreIds().isEmpty() || (search.fileIds() != null && search.fileIds().isEmpty())) {
			return List.of();
		}
		boolean byVector = search.vector() != null && searchesVectors();
		int dimensions = byVector ? search.vector().length : 0;
		String scope = "c.project = :project and c.vector_store_id in (:vector_store_ids)"
				+ ((search.fileIds() != null) ? " and c.file_id in (:file_ids)" : "");
		String distance = "c.embedding::vector(" + dimensions + ") <=> cast(:embedding as vector(" + dimensions + "))";
		StringBuilder sql = new StringBuilder("with q as (select ").append(ANY_WORD).append(" as query), ")
			.append("keyword as (select c.vector_store_id, c.file_id, c.chunk_index from vector_store_chunks c, q where ")
			.append(scope)
			.append(" and c.words @@ q.query order by ts_rank(c.words, q.query, 32) desc limit :limit)");
		if (byVector) {
			this.jdbc.sql("set local hnsw.iterative_scan = relaxed_order").update();
			sql.append(", nearest as (select c.vector_store_id, c.file_id, c.chunk_index from vector_store_chunks c where ")
				.append(scope)
				.append(" and c.embedding_dimensions = ")
				.append(dimensions)
				.append(" and c.embedding_model = :model order by ")
				.append(distance)
				.append(" limit :limit)");
		}
		sql.append(" select vector_store_id, file_id, chunk_index, c.text, ts_rank(c.words, q.query, 32) as keyword, ")
			.append(byVector ? "case when c.embedding_model = :model then 1 - (" + distance + ") else 0 end" : "0")
			.append(" as similarity from (select * from keyword")
			.append(byVector ? " union select * from nearest" : "")
			.append(") found join vector_store_chunks c using (vector_store_id, file_id, chunk_index), q");
		StatementSpec statement = this.jdbc.sql(sql.toString())
			.param("text", search.text())
			.param("project", search.project())
			.param("vector_store_ids", search.vectorStoreIds())
			.param("limit", search.limit());
		if (search.fileIds() != null) {
			statement = statement.param("file_ids", new ArrayList<>(search.fileIds()));
		}
		if (byVector) {
			statement = statement.param("model", search.model()).param("embedding", literal(search.vector()));
		}
		return statement.query((row, number) -> new ChunkHit(row.getString("vector_store_id"), row.getString("file_id"),
				row.getInt("chunk_index"), row.getString("text"), row.getDouble("keyword"), row.getDouble("similarity")))
			.list();
	}

	/** A vector as pgvector reads it as text: {@code [0.1,0.2,...]}. */
	private static String literal(float[] vector) {
		StringBuilder literal = new StringBuilder(vector.length * 10).append('[');
		for (int i = 0; i < vector.length; i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append(vector[i]);
		}
		return literal.append(']').toString();
	}

}
