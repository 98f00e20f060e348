package dev.assistants.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.assistants.model.springai.FakeChatCompletions;
import dev.assistants.store.postgresql.TestDatabase;

/**
 * The server application, started as {@code java -jar} starts it, on a free port, with the given
 * properties.
 */
final class RunningServer implements AutoCloseable {

	/** The API key a server made {@link #withSpringAi with Spring AI} sends its model provider. */
	static final String PROVIDER_KEY = "sk-provider";

	private final ConfigurableApplicationContext context;

	private RunningServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** The server in memory, with these properties. */
	static RunningServer inMemory(String... properties) {
		return start(List.of(), Map.of(), properties);
	}

	/** The server on the test database, with these properties. */
	static RunningServer onPostgres(String... properties) {
		return start(List.of(), TestDatabase.properties(), properties);
	}

	/** The server on the database these connection properties name, with these properties. */
	static RunningServer onDatabase(Map<String, String> database, String... properties) {
		return start(List.of(), database, properties);
	}

	/** The server on the test database, with extra configuration and these properties. */
	static RunningServer onPostgres(Class<?> configuration, String... properties) {
		return start(List.of(configuration), TestDatabase.properties(), properties);
	}

	/**
	 * These properties after those that answer runs with Spring AI's OpenAI model on the fake
	 * provider, which the model's client does not retry.
	 */
	static String[] withSpringAi(FakeChatCompletions provider, String... properties) {
		List<String> all = new ArrayList<>(List.of("assistants.server.model=spring-ai",
				"spring.ai.openai.base-url=" + provider.baseUrl(), "spring.ai.openai.api-key=" + PROVIDER_KEY,
				"spring.ai.openai.max-retries=0"));
		Stream.of(properties).filter((property) -> !property.isEmpty()).forEach(all::add);
		return all.toArray(String[]::new);
	}

	private static RunningServer start(List<Class<?>> configurations, Map<String, String> database,
			String... properties) {
		Map<String, Object> defaults = new HashMap<>(database);
		defaults.put("server.port", "0");
		// the starter is on the tests' class path to call the server, not to be a client in it
		defaults.put("openai.enabled", "false");
		List<Class<?>> sources = new ArrayList<>(List.of(AssistantsServerApplication.class));
		sources.addAll(configurations);
		SpringApplication application = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.web(WebApplicationType.REACTIVE)
			.properties(defaults)
			.build();
		String[] arguments = new String[properties.length];
		for (int i = 0; i < properties.length; i++) {
			arguments[i] = "--" + properties[i];
		}
		return new RunningServer(application.run(arguments));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port() + "/v1";
	}

	int port() {
		return Integer.parseInt(environment().getProperty("local.server.port"));
	}

	Environment environment() {
		return this.context.getEnvironment();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
