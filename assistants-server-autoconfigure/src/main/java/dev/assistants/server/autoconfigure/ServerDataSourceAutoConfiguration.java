package dev.assistants.server.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.context.annotation.Import;

/**
 * A data source only when one is configured, for a server that is in memory otherwise: Spring Boot's
 * {@link DataSourceAutoConfiguration} fails an application that has a connection pool but no
 * database, so the server application excludes it, and this brings it back when there is a
 * database to connect to, named by {@code spring.datasource.url} or by a
 * {@link JdbcConnectionDetails} bean (a Testcontainers or Docker Compose service connection). It
 * comes after Testcontainers registers its service connections (Docker Compose registers its own
 * before the context refreshes) and before what needs the data source.
 * <p>
 * An application that does not exclude {@code DataSourceAutoConfiguration} gets Boot's own
 * behaviour: this changes nothing for it.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration",
		beforeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConditionalOnBooleanProperty(name = AssistantsServerProperties.ENABLED, matchIfMissing = true)
@ConditionalOnClass(DataSourceAutoConfiguration.class)
@Conditional(ServerDataSourceAutoConfiguration.DatabaseConfigured.class)
@Import(DataSourceAutoConfiguration.class)
public final class ServerDataSourceAutoConfiguration {

	private ServerDataSourceAutoConfiguration() {
	}

	/**
	 * A database is named, by a URL or by connection details.
	 */
	static final class DatabaseConfigured extends AnyNestedCondition {

		DatabaseConfigured() {
			super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("spring.datasource.url")
		static final class Url {

		}

		@ConditionalOnBean(JdbcConnectionDetails.class)
		static final class ConnectionDetails {

		}

	}

}
