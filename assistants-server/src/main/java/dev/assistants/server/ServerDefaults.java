package dev.assistants.server.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The server's defaults that depend on the rest of its configuration: without
 * {@code spring.datasource.url} there is no data source (the store is in memory); without API keys
 * (development mode) the server listens on the loopback interface only, unless {@code server.address}
 * is set; with a data source, a request waits at most 3 seconds for a connection (Hikari's
 * {@code connection-timeout}, 30 seconds by default) before it is answered with a 503; Spring AI's models stay off (they would want keys) but for the chat model, when
 * {@code assistants.server.model=spring-ai}.
 */
class ServerEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String LOOPBACK = "127.0.0.1";

	private static final String DATA_SOURCE_AUTO_CONFIGURATION = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

	/** Spring AI's models the server never uses, each off unless configured. */
	private static final List<String> UNUSED_MODELS = List.of("spring.ai.model.embedding", "spring.ai.model.image",
			"spring.ai.model.audio.speech", "spring.ai.model.audio.transcription", "spring.ai.model.moderation");

	private static final String CHAT_MODEL = "spring.ai.model.chat";

	private static final String CONNECTION_TIMEOUT = "spring.datasource.hikari.connection-timeout";

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		Map<String, Object> properties = new HashMap<>();
		if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			List<String> excluded = new ArrayList<>(
					binder.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class)).orElse(List.of()));
			excluded.add(DATA_SOURCE_AUTO_CONFIGURATION);
			properties.put("spring.autoconfigure.exclude", String.join(",", excluded));
		}
		else if (!environment.containsProperty(CONNECTION_TIMEOUT)) {
			// with the database down, a request waits this long for a connection before its 503
			properties.put(CONNECTION_TIMEOUT, "3000");
		}
		boolean keys = binder.bind("assistants.server.api-keys", Bindable.listOf(AssistantsServerProperties.ApiKey.class))
			.map((list) -> !list.isEmpty())
			.orElse(false);
		if (!keys && !environment.containsProperty("server.address")) {
			properties.put("server.address", LOOPBACK);
		}
		for (String model : UNUSED_MODELS) {
			if (!environment.containsProperty(model)) {
				properties.put(model, "none");
			}
		}
		boolean springAi = binder.bind("assistants.server.model", AssistantsServerProperties.ModelKind.class)
			.map(AssistantsServerProperties.ModelKind.SPRING_AI::equals)
			.orElse(false);
		if (!springAi && !environment.containsProperty(CHAT_MODEL)) {
			properties.put(CHAT_MODEL, "none");
		}
		if (!properties.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("assistantsServerDefaults", properties));
		}
	}

}
