package dev.assistants.server.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

import dev.assistants.engine.model.AssistantModel;

/**
 * What answers runs: with {@code assistants.server.model=spring-ai} the application's Spring AI chat
 * model, else the deterministic model (offline, paced by
 * {@code assistants.server.deterministic.latency}). Either backs off for the application's own
 * {@link AssistantModel} bean. The two are tried in that order.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = AssistantsServerProperties.ENABLED, matchIfMissing = true)
@EnableConfigurationProperties(AssistantsServerProperties.class)
@Import({ AssistantModelConfigurations.SpringAi.class, AssistantModelConfigurations.Deterministic.class })
public final class AssistantModelAutoConfiguration {

	private AssistantModelAutoConfiguration() {
	}

}
