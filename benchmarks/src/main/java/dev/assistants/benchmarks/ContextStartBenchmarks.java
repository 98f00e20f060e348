package dev.assistants.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The time to start an application context with and without the starter's auto-configuration, and
 * with and without the actuator's (the actuator and Micrometer are on the classpath either way).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
public class ContextStartBenchmarks {

	private static final String ASSISTANTS = "dev.assistants.autoconfigure.AssistantsAutoConfiguration,"
			+ "dev.assistants.autoconfigure.AssistantToolCallsAutoConfiguration,"
			+ "dev.assistants.autoconfigure.AssistantsObservationAutoConfiguration,"
			+ "dev.assistants.autoconfigure.OpenAiHealthContributorAutoConfiguration";

	/** {@code without}: our auto-configuration excluded; {@code with}: included. */
	@Param({ "without", "with" })
	public String starter;

	@Benchmark
	public Object start() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn",
					"openai.base-url=http://127.0.0.1:9/v1");
		if (this.starter.equals("without")) {
			application.properties("spring.autoconfigure.exclude=" + ASSISTANTS);
		}
		try (ConfigurableApplicationContext context = application.run()) {
			return context.getBeanDefinitionCount();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
