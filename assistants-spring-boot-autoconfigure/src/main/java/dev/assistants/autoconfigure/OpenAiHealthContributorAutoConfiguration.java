package dev.assistants.autoconfigure;

import dev.assistants.client.AssistantsOperations;
import dev.assistants.health.OpenAiHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code openai} health indicator, switched by
 * {@code management.health.openai.enabled}.
 */
@AutoConfiguration(after = AssistantsAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ AssistantsOperations.class, OpenAiConnectionDetails.class })
@ConditionalOnEnabledHealthIndicator("openai")
public final class OpenAiHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "openaiHealthIndicator")
	OpenAiHealthIndicator openaiHealthIndicator(AssistantsOperations operations,
			OpenAiConnectionDetails connectionDetails, OpenAiProperties properties) {
		return new OpenAiHealthIndicator(operations, connectionDetails.getBaseUrl(),
				properties.getHealth().getTimeout());
	}

}
