package dev.assistants.server.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.openai.autoconfigure.OpenAiAutoConfigurationUtil;
import org.springframework.ai.model.openai.autoconfigure.OpenAiAutoConfigurationUtil.ResolvedConnectionProperties;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatProperties;
import org.springframework.ai.model.openai.autoconfigure.OpenAiCommonProperties;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

import dev.assistants.model.springai.OpenAiCompatibleChatModel;

/**
 * The Spring AI chat model {@code spring.ai.model.chat=openai-compatible} selects (the server
 * application's default with {@code assistants.server.model=spring-ai}): an
 * {@link OpenAiCompatibleChatModel}, non-blocking on {@link WebClient}, configured by the same
 * {@code spring.ai.openai.*} properties as Spring AI's own OpenAI chat model, which
 * {@code spring.ai.model.chat=openai} selects instead.
 */
@AutoConfiguration(before = AssistantModelAutoConfiguration.class)
@ConditionalOnClass({ OpenAiCompatibleChatModel.class, OpenAiChatProperties.class, HttpClient.class })
@ConditionalOnProperty(name = OpenAiCompatibleChatModelAutoConfiguration.CHAT_MODEL,
		havingValue = OpenAiCompatibleChatModelAutoConfiguration.OPENAI_COMPATIBLE)
@EnableConfigurationProperties({ OpenAiCommonProperties.class, OpenAiChatProperties.class })
public final class OpenAiCompatibleChatModelAutoConfiguration {

	/** The property by which Spring AI selects its chat model. */
	public static final String CHAT_MODEL = "spring.ai.model.chat";

	/** The value of {@link #CHAT_MODEL} that selects {@link OpenAiCompatibleChatModel}. */
	public static final String OPENAI_COMPATIBLE = "openai-compatible";

	OpenAiCompatibleChatModelAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAiCompatibleChatModel openAiCompatibleChatModel(OpenAiCommonProperties common, OpenAiChatProperties chat,
			ObjectProvider<WebClient.Builder> webClient, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		ResolvedConnectionProperties connection = OpenAiAutoConfigurationUtil.resolveCommonProperties(common, chat);
		if (connection.isMicrosoftFoundry() || connection.isGitHubModels() || connection.getCredential() != null) {
			throw new IllegalStateException(CHAT_MODEL + "=" + OPENAI_COMPATIBLE + " authenticates with an API key only: "
					+ "for Microsoft Foundry, GitHub Models or a credential, set " + CHAT_MODEL
					+ "=openai (Spring AI's OpenAI chat model)");
		}
		OpenAiChatOptions options = chat.toOptions()
			.mutate()
			.baseUrl(connection.getBaseUrl())
			.apiKey(connection.getApiKey())
			.organizationId(connection.getOrganizationId())
			.customHeaders(connection.getCustomHeaders())
			.proxy(connection.getProxy())
			.timeout(connection.getTimeout())
			.maxRetries(connection.getMaxRetries())
			.build();
		OpenAiCompatibleChatModel.Builder builder = OpenAiCompatibleChatModel.builder()
			.options(options)
			.webClientBuilder(webClient.getIfAvailable(WebClient::builder))
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		observationConvention.ifAvailable(builder::observationConvention);
		return builder.build();
	}

}
