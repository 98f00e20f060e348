package dev.assistants.autoconfigure;

import java.net.URI;

import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.FileOperations;
import dev.assistants.client.VectorStoreOperations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of an {@link AssistantsOperations} client, with its {@link FileOperations} and
 * {@link VectorStoreOperations}, from the {@code openai.*} properties (or an
 * {@link OpenAiConnectionDetails} bean). The client builds on Spring Boot's
 * {@link WebClient.Builder} when there is one, so that its customizers apply, and its Reactor Netty
 * connector with Spring Boot's {@link ClientHttpConnectorBuilder}, so that the application's
 * customizers of it apply too; {@code openai.ssl.bundle} names the SSL bundle of its connections.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "openai.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OpenAiProperties.class)
public final class AssistantsAutoConfiguration {

	private static final String OPENAI_HOST = URI.create(AssistantsTemplate.DEFAULT_BASE_URL).getHost();

	@Bean
	@ConditionalOnMissingBean(OpenAiConnectionDetails.class)
	PropertiesOpenAiConnectionDetails openAiConnectionDetails(OpenAiProperties properties) {
		return new PropertiesOpenAiConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean(AssistantsOperations.class)
	AssistantsTemplate assistantsTemplate(OpenAiProperties properties, OpenAiConnectionDetails connectionDetails,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<ClientHttpConnectorBuilder<?>> clientConnectorBuilder,
			ObjectProvider<AssistantsTemplateBuilderCustomizer> customizers) {
		String baseUrl = connectionDetails.getBaseUrl();
		if (!StringUtils.hasText(connectionDetails.getApiKey()) && OPENAI_HOST.equals(URI.create(baseUrl).getHost())) {
			throw new MissingApiKeyException(baseUrl);
		}
		AssistantsTemplate.Builder builder = AssistantsTemplate.builder()
			.webClientBuilder(webClientBuilder.getIfAvailable(WebClient::builder))
			.baseUrl(baseUrl)
			.apiKey(connectionDetails.getApiKey())
			.authStyle(properties.getAuthStyle())
			.organization(properties.getOrganization())
			.project(properties.getProject())
			.connectTimeout(properties.getConnectTimeout())
			.responseTimeout(properties.getResponseTimeout())
			.timeout(properties.getTimeout())
			.maxInMemorySize(properties.getMaxInMemorySize())
			.maxConnections(properties.getMaxConnections())
			.connectionAcquireTimeout(properties.getConnectionAcquireTimeout())
			.retry(properties.getRetry().toSettings())
			.idempotencyKeys(properties.getRetry().isIdempotencyKeys())
			.wiretap(properties.isWiretap())
			.streamIdleTimeout(properties.getStream().getIdleTimeout())
			.pollOptions(properties.getPolling().toOptions());
		if (clientConnectorBuilder.getIfAvailable() instanceof ReactorClientHttpConnectorBuilder reactor) {
			builder.clientConnectorBuilder(reactor);
		}
		String sslBundle = properties.getSsl().getBundle();
		if (StringUtils.hasText(sslBundle)) {
			builder.sslBundle(sslBundles.getObject().getBundle(sslBundle));
		}
		properties.getHeaders().forEach(builder::header);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnBean(AssistantsTemplate.class)
	@ConditionalOnMissingBean(FileOperations.class)
	FileOperations assistantsFileOperations(AssistantsTemplate assistantsTemplate) {
		return assistantsTemplate.files();
	}

	@Bean
	@ConditionalOnBean(AssistantsTemplate.class)
	@ConditionalOnMissingBean(VectorStoreOperations.class)
	VectorStoreOperations assistantsVectorStoreOperations(AssistantsTemplate assistantsTemplate) {
		return assistantsTemplate.vectorStores();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorConfiguration {

		/**
		 * Masks the API key in the {@code configprops} and {@code env} endpoints, even when they
		 * are set to show values: any property named like an API key, and any property whose value
		 * holds the configured key.
		 */
		@Bean
		SanitizingFunction openAiApiKeySanitizingFunction(OpenAiConnectionDetails connectionDetails) {
			String apiKey = connectionDetails.getApiKey();
			return (data) -> {
				String name = data.getLowerCaseKey().replaceAll("[^a-z]", "");
				boolean secret = name.endsWith("apikey") || (StringUtils.hasText(apiKey) && data.getValue() != null
						&& data.getValue().toString().contains(apiKey));
				return secret ? data.withSanitizedValue() : data;
			};
		}

	}

}
