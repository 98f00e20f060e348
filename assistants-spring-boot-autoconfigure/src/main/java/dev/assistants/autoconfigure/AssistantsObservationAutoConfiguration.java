package dev.assistants.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.assistants.client.observation.AssistantsMetricsObservationHandler;
import dev.assistants.client.observation.AssistantsObservationConvention;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the client's Micrometer observation: the {@code assistants.client.operation}
 * observation on the application's {@link ObservationRegistry} (a timer and a span per call), and,
 * with a {@link MeterRegistry}, the retry and token usage counters. Switched off with
 * {@code management.observations.enable.assistants=false}.
 */
@AutoConfiguration(before = AssistantsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
public final class AssistantsObservationAutoConfiguration {

	@Bean
	AssistantsTemplateBuilderCustomizer assistantsObservationCustomizer(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<AssistantsObservationConvention> convention) {
		return (builder) -> builder.observationRegistry(registry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.observationConvention(convention.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AssistantsMetricsObservationHandler assistantsMetricsObservationHandler(MeterRegistry meterRegistry) {
			return new AssistantsMetricsObservationHandler(meterRegistry);
		}

	}

}
