package dev.assistants.server.autoconfigure;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.store.memory.InMemoryStore;
import dev.assistants.store.postgresql.PostgresStore;

/**
 * The stores {@link AssistantsStoreAutoConfiguration} tries, in the order it imports them: each
 * backs off for a store defined before it.
 */
final class AssistantsStoreConfigurations {

	private static final Log logger = LogFactory.getLog(AssistantsStoreConfigurations.class);

	private AssistantsStoreConfigurations() {
	}

	/**
	 * The store in the application's PostgreSQL database, its schema migrated first.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(PostgresStore.class)
	@ConditionalOnSingleCandidate(DataSource.class)
	@ConditionalOnMissingBean(AssistantsStore.class)
	static class Postgres {

		@Bean
		@DependsOnDatabaseInitialization
		PostgresStore assistantsStore(DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactions) {
			PostgresStore.migrate(dataSource);
			PlatformTransactionManager transactionManager = transactions.getIfUnique();
			return (transactionManager != null) ? new PostgresStore(dataSource, transactionManager)
					: new PostgresStore(dataSource);
		}

	}

	/**
	 * The store in memory, when there is no other.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(AssistantsStore.class)
	static class InMemory {

		@Bean
		InMemoryStore assistantsStore() {
			logger.info("Keeping assistants, threads and runs in memory: they are lost when the server stops. "
					+ "Set spring.datasource.url to keep them in PostgreSQL.");
			return new InMemoryStore();
		}

	}

}
