package dev.assistants.engine;

import java.time.Duration;
import java.util.function.Consumer;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.store.AssistantsStore;

/**
 * An engine served on loopback, as a server of the API would serve it. Each API key
 * {@code sk-test-<project>} is a caller of that project; no other key is accepted.
 */
public final class EngineServer implements AutoCloseable {

	/** The prefix of the keys the server accepts. */
	public static final String KEY_PREFIX = "sk-test-";

	private final AssistantsEngine engine;

	private final DisposableServer server;

	public EngineServer(AssistantsStore store, AssistantModel model) {
		this(store, model, (builder) -> {
		});
	}

	/** An engine with further settings of the test's. */
	public EngineServer(AssistantsStore store, AssistantModel model, Consumer<AssistantsEngine.Builder> settings) {
		AssistantsEngine.Builder builder = AssistantsEngine.builder(store, model)
			.apiKeys((key) -> (key != null && key.startsWith(KEY_PREFIX))
					? new ApiCaller(key.substring(KEY_PREFIX.length()), key) : null)
			.pollInterval(() -> Duration.ofMillis(10))
			.maxRequestSize(64 * 1024);
		settings.accept(builder);
		this.engine = builder.build();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(this.engine.httpHandler()))
			.bindNow();
	}

	public AssistantsEngine engine() {
		return this.engine;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	@Override
	public void close() {
		this.engine.close();
		this.server.disposeNow();
	}

}
