package dev.assistants.store.postgresql;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's schema migrated from an earlier version with runs in it: what a server upgraded in
 * place finds.
 */
class PostgresStoreMigrationTests {

	@Test
	void fillsTheExpiryOfTheRunsThereAndIndexesByTheEnginesStatuses() {
		String database = "migration_" + UUID.randomUUID().toString().replace("-", "");
		JdbcClient.create(TestDatabase.newDataSource()).sql("create database " + database).update();
		try (HikariDataSource dataSource = dataSource(database)) {
			Flyway.configure()
				.dataSource(dataSource)
				.locations(PostgresStore.MIGRATIONS)
				.table(PostgresStore.SCHEMA_HISTORY)
				.target("2")
				.load()
				.migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);
			jdbc.sql("insert into threads (id, project, created_at, body) values ('thread_1', 'p', 1, '{}'), "
					+ "('thread_2', 'p', 1, '{}')").update();
			jdbc.sql("insert into runs (id, project, thread_id, assistant_id, status, created_at, body) values "
					+ "('run_waiting', 'p', 'thread_1', 'asst_1', 'requires_action', 1, '{\"expires_at\": 1700000600}'), "
					+ "('run_done', 'p', 'thread_2', 'asst_1', 'completed', 1, '{\"expires_at\": 1700000600}')").update();

			PostgresStore.migrate(dataSource);

			assertThat(jdbc.sql("select coalesce(expires_at, 0) from runs order by id").query().singleColumn())
				.as("run_done, then run_waiting")
				.containsExactly(0L, 1700000600L);
			List<String> indexes = jdbc.sql("select indexdef from pg_indexes where tablename = 'runs' and indexname in "
					+ "('runs_one_active_per_thread', 'runs_to_take_over', 'runs_by_expiry') order by indexname")
				.query(String.class)
				.list();
			assertThat(indexes).hasSize(3);
			assertThat(indexes.get(0)).contains("(expires_at)").contains("expires_at IS NOT NULL");
			assertThat(indexes.get(1)).startsWith("CREATE UNIQUE INDEX runs_one_active_per_thread")
				.contains("'cancelling'", "'in_progress'", "'queued'", "'requires_action'");
			assertThat(indexes.get(2)).contains("'cancelling'", "'in_progress'", "'queued'")
				.doesNotContain("requires_action");
		}
		finally {
			JdbcClient.create(TestDatabase.newDataSource()).sql("drop database if exists " + database).update();
		}
	}

	private static HikariDataSource dataSource(String database) {
		Map<String, String> properties = TestDatabase.properties();
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(properties.get("spring.datasource.url").replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
		config.setUsername(properties.get("spring.datasource.username"));
		config.setPassword(properties.get("spring.datasource.password"));
		config.setMaximumPoolSize(2);
		return new HikariDataSource(config);
	}

}
