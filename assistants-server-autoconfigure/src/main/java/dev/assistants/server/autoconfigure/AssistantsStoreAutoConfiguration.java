package dev.assistants.server.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Import;

import dev.assistants.engine.store.AssistantsStore;
/**
 * Where the engine keeps the API's objects: in PostgreSQL when the application has a
 * {@code DataSource} (from {@code spring.datasource.url}, a {@code JdbcConnectionDetails} bean such
 * as a Testcontainers or Docker Compose service connection, or its own), its schema migrated at
 * startup; in memory otherwise. Either backs off for the application's own
 * {@link AssistantsStore} bean. The two are tried in that order.
 */
@AutoConfiguration(after = ServerDataSourceAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration" })
@ConditionalOnBooleanProperty(name = AssistantsServerProperties.ENABLED, matchIfMissing = true)
@Import({ AssistantsStoreConfigurations.Postgres.class, AssistantsStoreConfigurations.InMemory.class })
public final class AssistantsStoreAutoConfiguration {

	private AssistantsStoreAutoConfiguration() {
	}

}
