package dev.assistants.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.assistants.client.AssistantsOperations;
import dev.assistants.tools.AssistantFunction;
import dev.assistants.tools.AssistantToolCalls;
import dev.assistants.tools.ToolCallbackFunction;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the tool-call loop: an {@link AssistantToolCalls} that answers runs'
 * function calls with the application's {@link AssistantFunction} beans and, when Spring AI is
 * on the classpath, its {@code ToolCallback} and {@code ToolCallbackProvider} beans (so its
 * {@code @Tool} methods).
 */
@AutoConfiguration(after = AssistantsAutoConfiguration.class)
@ConditionalOnBean(AssistantsOperations.class)
@EnableConfigurationProperties(OpenAiProperties.class)
public final class AssistantToolCallsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AssistantToolCalls assistantToolCalls(AssistantsOperations operations, ObjectProvider<AssistantFunction> functions,
			ObjectProvider<SpringAiFunctions> springAiFunctions, OpenAiProperties properties) {
		List<AssistantFunction> all = new ArrayList<>(functions.orderedStream().toList());
		springAiFunctions.ifAvailable((adapted) -> all.addAll(adapted.functions()));
		return new AssistantToolCalls(operations, all, properties.getTools().toOptions());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ToolCallback.class)
	@ConditionalOnBooleanProperty(name = "openai.tools.spring-ai", matchIfMissing = true)
	static class SpringAiToolsConfiguration {

		@Bean
		SpringAiFunctions springAiAssistantFunctions(ObjectProvider<ToolCallback> callbacks,
				ObjectProvider<ToolCallbackProvider> providers) {
			List<AssistantFunction> functions = new ArrayList<>();
			callbacks.orderedStream().map(ToolCallbackFunction::of).forEach(functions::add);
			providers.orderedStream().forEach((provider) -> functions.addAll(ToolCallbackFunction.of(provider.getToolCallbacks())));
			return new SpringAiFunctions(functions);
		}

	}

	/**
	 * The application's Spring AI tools as assistant functions.
	 * @param functions the functions
	 */
	record SpringAiFunctions(List<AssistantFunction> functions) {
	}

}
