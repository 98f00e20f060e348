package dev.assistants.autoconfigure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.observation.AssistantsMetricsObservationHandler;
import dev.assistants.health.OpenAiHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityAutoConfigurationTests {

	private static final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				WebClientAutoConfiguration.class, AssistantsObservationAutoConfiguration.class,
				AssistantsAutoConfiguration.class, OpenAiHealthContributorAutoConfiguration.class))
		.withPropertyValues("openai.base-url=" + server.baseUrl());

	@BeforeAll
	static void start() {
		server.start();
		server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/assistants"))
			.willReturn(okJson("{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}")));
	}

	@AfterAll
	static void stop() {
		server.stop();
	}

	@Test
	void timesEachOperationInTheMeterRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AssistantsMetricsObservationHandler.class);
			context.getBean(AssistantsOperations.class).listAssistants().block();
			assertThat(context.getBean(MeterRegistry.class)
				.get("assistants.client.operation")
				.tag("operation", "listAssistants")
				.tag("outcome", "SUCCESS")
				.tag("status", "200")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void observationsCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("management.observations.enable.assistants=false").run((context) -> {
			context.getBean(AssistantsOperations.class).listAssistants().block();
			assertThat(context.getBean(MeterRegistry.class).find("assistants.client.operation").timer()).isNull();
		});
	}

	@Test
	void worksWithoutMicrometerMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					AssistantsObservationAutoConfiguration.class, AssistantsAutoConfiguration.class))
			.withPropertyValues("openai.base-url=" + server.baseUrl())
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> {
			assertThat(context).doesNotHaveBean(AssistantsMetricsObservationHandler.class);
			assertThat(context.getBean(AssistantsOperations.class).listAssistants().block().data()).isEmpty();
		});
	}

	@Test
	void contributesTheOpenAiHealthIndicator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(OpenAiHealthIndicator.class)
			.hasBean("openaiHealthIndicator"));
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("management.health.openai.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OpenAiHealthIndicator.class));
	}

	@Test
	void noHealthIndicatorWithoutBootsHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(OpenAiHealthIndicator.class));
	}

}
