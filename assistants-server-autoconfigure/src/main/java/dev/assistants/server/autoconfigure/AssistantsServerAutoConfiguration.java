package dev.assistants.server.autoconfigure;

import java.util.Set;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import dev.assistants.engine.AssistantsEngine;
import dev.assistants.engine.EngineListener;
import dev.assistants.engine.Projects;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.model.deterministic.DeterministicModel;
import dev.assistants.model.springai.SpringAiModel;
import dev.assistants.store.memory.InMemoryStore;
import dev.assistants.store.postgresql.PostgresStore;

/**
 * Wires the engine to its store, its model and its API keys, and serves it at {@code /v1}. The store
 * is PostgreSQL when there is a data source ({@code spring.datasource.url}), in memory otherwise; the
 * model is the deterministic one, or with {@code assistants.server.model=spring-ai} the application's
 * Spring AI chat model. Each backs off for a bean of the same type the application defines. The
 * engine's runs are observed on the application's observation registry (for tracing), and told to
 * its metrics, its model health indicator and any other {@link EngineListener} bean.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration" })
@EnableConfigurationProperties(AssistantsServerProperties.class)
public final class AssistantsServerAutoConfiguration {

	private static final Log logger = LogFactory.getLog(AssistantsServerAutoConfiguration.class);

	/** The project of every request in development mode. */
	static final String DEVELOPMENT_PROJECT = "default";

	@Bean
	@ConditionalOnMissingBean(AssistantsStore.class)
	InMemoryStore assistantsStore() {
		logger.info("Keeping assistants, threads and runs in memory: they are lost when the server stops. "
				+ "Set spring.datasource.url to keep them in PostgreSQL.");
		return new InMemoryStore();
	}

	@Bean
	@ConditionalOnMissingBean
	AssistantModel assistantModel() {
		return new DeterministicModel();
	}

	@Bean
	@ConditionalOnMissingBean
	Projects assistantsProjects(AssistantsServerProperties properties) {
		if (properties.getApiKeys().isEmpty()) {
			logger.warn("No API keys are configured (assistants.server.api-keys): this server runs in development "
					+ "mode, accepting every request, with or without a key, in one project. Configure keys before "
					+ "anyone else can reach it.");
			return Projects.single(DEVELOPMENT_PROJECT);
		}
		return new ApiKeyProjects(properties.getApiKeys());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	AssistantsEngine assistantsEngine(AssistantsStore store, AssistantModel model, Projects projects,
			AssistantsServerProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<EngineListener> listeners) {
		AssistantsEngine.Builder engine = AssistantsEngine.builder(store, model)
			.projects(projects)
			.maxRequestSize(Math.toIntExact(properties.getMaxRequestSize().toBytes()))
			.pollInterval(properties::getPollInterval)
			.runExpiry(properties.getRunExpiry())
			.modelTimeout(properties.getModelTimeout())
			.runLease(properties.getRunLease());
		if (properties.getInstanceId() != null) {
			engine.instanceId(properties.getInstanceId());
		}
		meterRegistry.ifAvailable((registry) -> engine.listener(new ServerMetrics(registry)));
		listeners.orderedStream().forEach(engine::listener);
		observationRegistry.ifAvailable(engine::observationRegistry);
		if (properties.getUnsupportedTools() == AssistantsServerProperties.UnsupportedTools.REJECT) {
			engine.toolTypes(Set.of("function"));
		}
		return engine.build();
	}

	/** Per-key rate limits; without any configured, every request passes. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	WebFilter assistantsRateLimits(AssistantsServerProperties properties) {
		return new RateLimits(properties);
	}

	@Bean
	RouterFunction<ServerResponse> assistantsRoutes(AssistantsEngine engine) {
		return engine.routerFunction();
	}

	/** Runs that a stopped server left under way are picked up once the server has started. */
	@Bean
	ApplicationRunner assistantsRunRecovery(AssistantsEngine engine) {
		return (arguments) -> engine.resumeInterruptedRuns();
	}

	/**
	 * Runs answered by the application's Spring AI chat model.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatModel.class)
	@ConditionalOnProperty(name = "assistants.server.model", havingValue = "spring-ai")
	static class SpringAiModelConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AssistantModel assistantModel(ObjectProvider<ChatModel> chatModel, AssistantsServerProperties properties) {
			ChatModel model = chatModel.getIfUnique(() -> {
				throw new IllegalStateException("assistants.server.model=spring-ai needs one Spring AI chat model: set "
						+ "spring.ai.openai.base-url and spring.ai.openai.api-key (or spring.ai.model.chat to another "
						+ "provider whose starter is on the classpath)");
			});
			logger.info("Answering runs with the Spring AI chat model " + model.getClass().getSimpleName());
			return new SpringAiModel(model, properties.getModelAliases());
		}

	}

	/**
	 * The store in PostgreSQL, its schema migrated by Flyway.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DataSource.class)
	static class PostgresStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(AssistantsStore.class)
		@DependsOnDatabaseInitialization
		PostgresStore assistantsStore(DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactions) {
			PlatformTransactionManager transactionManager = transactions.getIfAvailable();
			return (transactionManager != null) ? new PostgresStore(dataSource, transactionManager)
					: new PostgresStore(dataSource);
		}

		@Bean
		@ConditionalOnClass(Flyway.class)
		FlywayConfigurationCustomizer assistantsMigrations() {
			return (configuration) -> configuration.locations(PostgresStore.MIGRATIONS);
		}

	}

	/**
	 * The model endpoint's health, from the runs' model turns.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("model")
	static class ModelHealthConfiguration {

		@Bean
		ModelHealthIndicator modelHealthIndicator(AssistantModel model) {
			return new ModelHealthIndicator(model.toString());
		}

	}

	/**
	 * The API keys never show in the actuator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorConfiguration {

		/**
		 * Masks the API keys in the {@code configprops} and {@code env} endpoints, even when they
		 * are set to show values.
		 */
		@Bean
		SanitizingFunction assistantsApiKeySanitizingFunction() {
			return (data) -> data.getLowerCaseKey().matches("assistants\\.server\\.api-?keys.*\\.key")
					? data.withSanitizedValue() : data;
		}

	}

}
