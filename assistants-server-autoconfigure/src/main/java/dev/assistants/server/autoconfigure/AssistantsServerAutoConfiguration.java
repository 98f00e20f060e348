package dev.assistants.server.autoconfigure;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.server.WebFilter;

import dev.assistants.engine.ApiKeys;
import dev.assistants.engine.AssistantsEngine;
import dev.assistants.engine.EngineListener;
import dev.assistants.engine.code.CodeExecutor;
import dev.assistants.engine.documents.Embeddings;
import dev.assistants.engine.documents.TextExtractor;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.store.AssistantsStore;

/**
 * Serves the engine at {@code /v1} in a reactive web application: its API keys, the caller filter
 * and the rate limits behind it, the routes, the recovery of runs a stopped server left, and the
 * server's metrics and model health. It takes the store and the model the store and model
 * auto-configurations give (or the application's own), and every bean here backs off for one of
 * the application's. The engine's runs are observed on the application's observation registry (for
 * tracing), and told to its metrics, its model health indicator and any other
 * {@link EngineListener} bean.
 */
@AutoConfiguration(after = { AssistantsStoreAutoConfiguration.class, AssistantModelAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = AssistantsServerProperties.ENABLED, matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean({ AssistantsStore.class, AssistantModel.class })
@EnableConfigurationProperties(AssistantsServerProperties.class)
public final class AssistantsServerAutoConfiguration {

	private static final Log logger = LogFactory.getLog(AssistantsServerAutoConfiguration.class);

	/** The project of every request in development mode. */
	static final String DEVELOPMENT_PROJECT = "default";

	/** The order of the caller filter: before any filter that reads the caller. */
	public static final int CALLER_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/** The order of the rate limits: right after the caller filter. */
	public static final int RATE_LIMITS_ORDER = CALLER_FILTER_ORDER + 10;

	@Bean
	@ConditionalOnMissingBean
	ApiKeys assistantsApiKeys(AssistantsServerProperties properties) {
		if (properties.getApiKeys().isEmpty()) {
			logger.warn("No API keys are configured (assistants.server.api-keys): this server runs in development "
					+ "mode, accepting every request, with or without a key, in one project. Configure keys before "
					+ "anyone else can reach it.");
			return ApiKeys.anyKey(DEVELOPMENT_PROJECT);
		}
		return new ConfiguredApiKeys(properties.getApiKeys());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	AssistantsEngine assistantsEngine(AssistantsStore store, AssistantModel model, ApiKeys apiKeys,
			AssistantsServerProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<EngineListener> listeners,
			ObjectProvider<TextExtractor> textExtractor, ObjectProvider<Embeddings> embeddings,
			ObjectProvider<CodeExecutor> codeExecutor) {
		AssistantsEngine.Builder engine = AssistantsEngine.builder(store, model)
			.apiKeys(apiKeys)
			.maxRequestSize(Math.toIntExact(properties.getMaxRequestSize().toBytes()))
			.maxFileSize(properties.getMaxFileSize().toBytes())
			.pollInterval(properties::getPollInterval)
			.runExpiry(properties.getRunExpiry())
			.modelTimeout(properties.getModelTimeout())
			.runLease(properties.getRunLease())
			.ingestionConcurrency(properties.getIngestionConcurrency());
		textExtractor.ifAvailable(engine::textExtractor);
		embeddings.ifAvailable(engine::embeddings);
		CodeExecutor executor = codeExecutor.getIfUnique();
		if (executor != null) {
			engine.codeExecutor(executor);
		}
		if (properties.getInstanceId() != null) {
			engine.instanceId(properties.getInstanceId());
		}
		meterRegistry.ifAvailable((registry) -> engine.listener(new ServerMetrics(registry)));
		listeners.orderedStream().forEach(engine::listener);
		observationRegistry.ifAvailable(engine::observationRegistry);
		if (properties.getUnsupportedTools() == AssistantsServerProperties.UnsupportedTools.REJECT) {
			engine.toolTypes((executor != null) ? Set.of("function", "file_search", "code_interpreter")
					: Set.of("function", "file_search"));
		}
		return engine.build();
	}

	/** Every request under {@code /v1} resolved to its caller, before anything else reads it. */
	@Bean
	@ConditionalOnMissingBean(name = "assistantsCallerFilter")
	@Order(CALLER_FILTER_ORDER)
	WebFilter assistantsCallerFilter(AssistantsEngine engine) {
		return engine.callerFilter();
	}

	/** Per-key rate limits; without any configured, every request passes. */
	@Bean
	@ConditionalOnMissingBean(name = "assistantsRateLimits")
	@Order(RATE_LIMITS_ORDER)
	WebFilter assistantsRateLimits(AssistantsServerProperties properties) {
		return new RateLimits(properties);
	}

	/**
	 * The API's routes, looked up before any other handler mapping: Actuator's endpoints are
	 * otherwise looked up first (their mapping's order is -100), and matching every API request
	 * against them parsed its {@code Accept} header for nothing (a tenth of the server's CPU time for
	 * a get run).
	 */
	@Bean
	@ConditionalOnMissingBean(name = "assistantsRoutes")
	RouterFunctionMapping assistantsRoutes(AssistantsEngine engine, ObjectProvider<ServerCodecConfigurer> codecs) {
		RouterFunctionMapping routes = new RouterFunctionMapping(engine.routerFunction());
		codecs.ifAvailable((configurer) -> routes.setMessageReaders(configurer.getReaders()));
		routes.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return routes;
	}

	/** Runs that a stopped server left under way are picked up once the server has started. */
	@Bean
	@ConditionalOnMissingBean(name = "assistantsRunRecovery")
	ApplicationRunner assistantsRunRecovery(AssistantsEngine engine) {
		return (arguments) -> engine.resumeInterruptedRuns();
	}

	/**
	 * Stalled request bodies time out, and requests Reactor Netty cannot decode (a URL or headers
	 * over its limits) are answered in OpenAI's error shape.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NettyServerCustomizer.class)
	static class NettyConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "assistantsNettyServerCustomizer")
		NettyServerCustomizer assistantsNettyServerCustomizer(AssistantsServerProperties properties) {
			return (server) -> server.readTimeout(properties.getRequestReadTimeout())
				.doOnChannelInit(DecodingFailures::install);
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
		@ConditionalOnMissingBean(name = "modelHealthIndicator")
		ModelHealthIndicator modelHealthIndicator(AssistantModel model) {
			return new ModelHealthIndicator(model.toString());
		}

	}

	/**
	 * The API keys and the Jupyter Server's token never show in the actuator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorConfiguration {

		/**
		 * Masks the API keys and the Jupyter Server's token in the {@code configprops} and
		 * {@code env} endpoints, even when they are set to show values.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "assistantsApiKeySanitizingFunction")
		SanitizingFunction assistantsApiKeySanitizingFunction() {
			return (data) -> data.getLowerCaseKey().matches("assistants\\.server\\.api-?keys.*\\.key")
					|| data.getLowerCaseKey().matches("assistants\\.server\\.code-?interpreter\\.jupyter-?server\\.token")
							? data.withSanitizedValue() : data;
		}

	}

}
