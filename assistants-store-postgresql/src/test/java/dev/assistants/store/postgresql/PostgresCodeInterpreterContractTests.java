package dev.assistants.store.postgresql;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.assistants.engine.CodeInterpreterContractTests;
import dev.assistants.engine.store.AssistantsStore;

/**
 * The code_interpreter contract on PostgreSQL.
 */
class PostgresCodeInterpreterContractTests extends CodeInterpreterContractTests {

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
