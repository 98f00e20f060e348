package dev.assistants.emulator;

import dev.assistants.autoconfigure.AssistantsAutoConfiguration;
import dev.assistants.autoconfigure.OpenAiConnectionDetails;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Runs an embedded {@link AssistantsEmulator} in the application and points the client at it,
 * when {@code openai.emulator.enabled} is {@code true}, or {@code auto} and no {@code openai.base-url}
 * (nor {@code OPENAI_BASE_URL}) is set. {@code openai.emulator.port} fixes its port (a free one by
 * default).
 */
@AutoConfiguration(before = AssistantsAutoConfiguration.class)
@Conditional(AssistantsEmulatorAutoConfiguration.OnEmulatorEnabled.class)
public final class AssistantsEmulatorAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	AssistantsEmulator assistantsEmulator(Environment environment) {
		return AssistantsEmulator.start(environment.getProperty("openai.emulator.port", Integer.class, 0));
	}

	@Bean
	@ConditionalOnMissingBean(OpenAiConnectionDetails.class)
	OpenAiConnectionDetails assistantsEmulatorConnectionDetails(AssistantsEmulator emulator) {
		return new EmulatorConnectionDetails(emulator);
	}

	static class OnEmulatorEnabled extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			String enabled = environment.getProperty("openai.emulator.enabled", "false").trim();
			if (enabled.equalsIgnoreCase("true")) {
				return ConditionOutcome.match("openai.emulator.enabled is true");
			}
			if (enabled.equalsIgnoreCase("auto")) {
				return environment.containsProperty("openai.base-url")
						? ConditionOutcome.noMatch("openai.emulator.enabled is auto and openai.base-url is set")
						: ConditionOutcome.match("openai.emulator.enabled is auto and openai.base-url is not set");
			}
			return ConditionOutcome.noMatch("openai.emulator.enabled is " + enabled);
		}

	}

}
