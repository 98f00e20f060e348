package dev.assistants.store.postgresql;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.assistants.engine.VectorStoreContractTests;
import dev.assistants.engine.store.AssistantsStore;

/**
 * The vector stores' contract on PostgreSQL without pgvector: keywords ranked by full-text search
 * only.
 */
class PostgresVectorStoreContractTests extends VectorStoreContractTests {

	private static HikariDataSource dataSource;

	private static PostgresStore store;

	@BeforeAll
	static void connect() {
		dataSource = TestDatabase.newDataSource();
		store = new PostgresStore(dataSource);
	}

	@AfterAll
	static void disconnect() {
		dataSource.close();
	}

	@Override
	protected AssistantsStore store() {
		return store;
	}

}
