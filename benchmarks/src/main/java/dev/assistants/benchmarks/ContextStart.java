package dev.assistants.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts and closes an application context with auto-configuration, the starter's included or
 * excluded. Loaded by {@link ContextStartBenchmarks} in a class loader of its own, which may leave
 * the actuator and Micrometer out.
 */
public final class ContextStart {

	private static final String ASSISTANTS = "dev.assistants.autoconfigure.AssistantsAutoConfiguration,"
			+ "dev.assistants.autoconfigure.AssistantToolCallsAutoConfiguration,"
			+ "dev.assistants.autoconfigure.AssistantsObservationAutoConfiguration,"
			+ "dev.assistants.autoconfigure.OpenAiHealthContributorAutoConfiguration";

	private ContextStart() {
	}

	/**
	 * Start a context and close it.
	 * @param withStarter whether the starter's auto-configuration is included
	 * @return the number of beans the context defined
	 */
	public static int start(boolean withStarter) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn",
					"openai.base-url=http://127.0.0.1:9/v1");
		if (!withStarter) {
			application.properties("spring.autoconfigure.exclude=" + ASSISTANTS);
		}
		try (ConfigurableApplicationContext context = application.run()) {
			if (withStarter && !context.containsBean("assistantsTemplate")) {
				throw new IllegalStateException("The starter did not create its client");
			}
			return context.getBeanDefinitionCount();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
