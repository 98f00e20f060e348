package dev.assistants.store.postgresql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assistants.engine.Api.FormFile;
import dev.assistants.engine.VectorStoreContractTests;
import dev.assistants.engine.store.AssistantsStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vector stores' contract on PostgreSQL with pgvector: keywords ranked by full-text search,
 * vectors compared under HNSW indexes.
 */
class PgvectorStoreContractTests extends VectorStoreContractTests {

	private static HikariDataSource dataSource;

	private static PostgresStore store;

	@BeforeAll
	static void connect() {
		dataSource = PgvectorDatabase.newDataSource();
		store = new PostgresStore(dataSource);
	}

	@AfterAll
	static void disconnect() {
		if (dataSource != null) {
			dataSource.close();
		}
	}

	@Override
	protected AssistantsStore store() {
		return store;
	}

	@Test
	void comparesVectorsUnderAnHnswIndex() {
		assertThat(store.searchesVectors()).isTrue();
		String file = this.api.postForm("/files", Map.of("purpose", "assistants"), new FormFile("file", "a.txt",
				"text/plain", "Refunds within thirty days.".getBytes(StandardCharsets.UTF_8))).json().path("id").asString();
		String id = this.api.ok("POST", "/vector_stores", "{\"file_ids\":[\"" + file + "\"]}").path("id").asString();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.api.ok("GET", "/vector_stores/" + id, null)
			.at("/file_counts/completed").asInt() == 1);
		String plan = new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute((status) -> {
			JdbcClient jdbc = JdbcClient.create(dataSource);
			jdbc.sql("set local enable_seqscan = off").update();
			return String.join("\n", jdbc.sql("explain select file_id from vector_store_chunks where "
					+ "embedding_dimensions = 64 order by embedding::vector(64) <=> cast(:v as vector(64)) limit 5")
				.param("v", "[" + "1,".repeat(63) + "1]")
				.query(String.class)
				.list());
		});
		assertThat(plan).contains("vector_store_chunks_embedding_64");
	}

}
