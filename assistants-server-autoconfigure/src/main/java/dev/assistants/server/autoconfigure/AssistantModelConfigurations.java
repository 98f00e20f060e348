package dev.assistants.server.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assistants.engine.model.AssistantModel;
import dev.assistants.model.deterministic.DeterministicModel;
import dev.assistants.model.springai.SpringAiModel;

/**
 * The models {@link AssistantModelAutoConfiguration} tries, in the order it imports them: each
 * backs off for a model defined before it.
 */
final class AssistantModelConfigurations {

	private static final Log logger = LogFactory.getLog(AssistantModelConfigurations.class);

	private AssistantModelConfigurations() {
	}

	/**
	 * Runs answered by the application's Spring AI chat model.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ChatModel.class, SpringAiModel.class })
	@ConditionalOnProperty(name = AssistantsServerProperties.PREFIX + ".model", havingValue = "spring-ai")
	@ConditionalOnMissingBean(AssistantModel.class)
	static class SpringAi {

		@Bean
		SpringAiModel assistantModel(ObjectProvider<ChatModel> chatModel, AssistantsServerProperties properties) {
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
	 * Runs answered by the deterministic model, when there is no other.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(AssistantModel.class)
	static class Deterministic {

		@Bean
		DeterministicModel assistantModel(AssistantsServerProperties properties) {
			if (properties.getModel() == AssistantsServerProperties.ModelKind.SPRING_AI) {
				throw new IllegalStateException("assistants.server.model=spring-ai needs assistants-model-spring-ai and a "
						+ "Spring AI model starter (such as spring-ai-starter-model-openai) on the class path");
			}
			return new DeterministicModel(properties.getDeterministic().getLatency());
		}

	}

}
