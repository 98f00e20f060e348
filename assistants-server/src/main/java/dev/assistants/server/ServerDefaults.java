package dev.assistants.server;

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

import dev.assistants.server.autoconfigure.AssistantsServerProperties;
import dev.assistants.server.autoconfigure.OpenAiCompatibleChatModelAutoConfiguration;

/**
 * The server application's defaults that depend on the rest of its configuration, for
 * {@link AssistantsServerApplication} only (an application that embeds the engine keeps its own):
 * without API keys (development mode) the server listens on the loopback interface only, unless
 * {@code server.address} is set; with a database, a request waits at most 3 seconds for a connection
 * (Hikari's {@code connection-timeout}, 30 seconds by default) before it is answered with a 503; a
 * connection that sends no request for a minute is closed ({@code server.netty.idle-timeout}, also
 * what bounds a client stalling in its headers); Spring AI's models stay off (they would want keys)
 * but for the chat model, when {@code assistants.server.model=spring-ai}, and the embedding model,
 * when {@code assistants.server.embedding=spring-ai}; the chat model is then the non-blocking
 * {@code OpenAiCompatibleChatModel} ({@code spring.ai.model.chat=openai-compatible}) unless
 * {@code spring.ai.model.chat} names another.
 */
class ServerDefaults implements EnvironmentPostProcessor, Ordered {

	static final String LOOPBACK = "127.0.0.1";

	/** Spring AI's models the server never uses, each off unless configured. */
	private static final List<String> UNUSED_MODELS = List.of("spring.ai.model.image", "spring.ai.model.audio.speech",
			"spring.ai.model.audio.transcription", "spring.ai.model.moderation");

	private static final String EMBEDDING_MODEL = "spring.ai.model.embedding";

	private static final String CONNECTION_TIMEOUT = "spring.datasource.hikari.connection-timeout";

	private static final String IDLE_TIMEOUT = "server.netty.idle-timeout";

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!application.getAllSources().contains(AssistantsServerApplication.class)) {
			return;
		}
		Binder binder = Binder.get(environment);
		Map<String, Object> properties = new HashMap<>();
		putIfAbsent(environment, properties, CONNECTION_TIMEOUT, "3000");
		putIfAbsent(environment, properties, IDLE_TIMEOUT, "60s");
		boolean keys = binder
			.bind(AssistantsServerProperties.PREFIX + ".api-keys", Bindable.listOf(AssistantsServerProperties.ApiKey.class))
			.map((list) -> !list.isEmpty())
			.orElse(false);
		if (!keys) {
			putIfAbsent(environment, properties, "server.address", LOOPBACK);
		}
		for (String model : UNUSED_MODELS) {
			putIfAbsent(environment, properties, model, "none");
		}
		boolean springAi = binder
			.bind(AssistantsServerProperties.PREFIX + ".model", AssistantsServerProperties.ModelKind.class)
			.map(AssistantsServerProperties.ModelKind.SPRING_AI::equals)
			.orElse(false);
		putIfAbsent(environment, properties, OpenAiCompatibleChatModelAutoConfiguration.CHAT_MODEL,
				springAi ? OpenAiCompatibleChatModelAutoConfiguration.OPENAI_COMPATIBLE : "none");
		boolean springAiEmbedding = binder
			.bind(AssistantsServerProperties.PREFIX + ".embedding", AssistantsServerProperties.EmbeddingKind.class)
			.map(AssistantsServerProperties.EmbeddingKind.SPRING_AI::equals)
			.orElse(false);
		if (!springAiEmbedding) {
			putIfAbsent(environment, properties, EMBEDDING_MODEL, "none");
		}
		if (!properties.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("assistantsServerDefaults", properties));
		}
	}

	private static void putIfAbsent(ConfigurableEnvironment environment, Map<String, Object> properties, String name,
			Object value) {
		if (!environment.containsProperty(name)) {
			properties.put(name, value);
		}
	}

}
