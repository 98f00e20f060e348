package dev.assistants.autoconfigure;

import dev.assistants.client.AssistantsOperations;
import dev.assistants.tools.AssistantFunction;
import dev.assistants.tools.AssistantToolCalls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the tool-call loop: an {@link AssistantToolCalls} that answers runs'
 * function calls with the application's {@link AssistantFunction} beans.
 */
@AutoConfiguration(after = AssistantsAutoConfiguration.class)
@ConditionalOnBean(AssistantsOperations.class)
@EnableConfigurationProperties(OpenAiProperties.class)
public final class AssistantToolCallsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AssistantToolCalls assistantToolCalls(AssistantsOperations operations, ObjectProvider<AssistantFunction> functions,
			OpenAiProperties properties) {
		return new AssistantToolCalls(operations, functions.orderedStream().toList(),
				properties.getTools().toOptions());
	}

}
