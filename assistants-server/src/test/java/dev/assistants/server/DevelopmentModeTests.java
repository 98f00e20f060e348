package dev.assistants.server;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.assistants.engine.Api;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.store.memory.InMemoryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The server started with nothing configured: in memory, one project, on the loopback interface
 * only; and what changes that.
 */
class DevelopmentModeTests {

	@Test
	void withoutKeysServesOneProjectInMemoryOnLoopbackOnly() {
		try (RunningServer server = RunningServer.inMemory()) {
			assertThat(server.environment().getProperty("server.address")).isEqualTo("127.0.0.1");
			assertThat(server.bean(AssistantsStore.class)).isInstanceOf(InMemoryStore.class);
			assertThat(server.context().getBeanNamesForType(DataSource.class)).isEmpty();
			String id = Api.withKey(server.baseUrl(), null).ok("POST", "/assistants", "{\"model\":\"m\"}").path("id").asString();
			assertThat(Api.withKey(server.baseUrl(), "any-key").ok("GET", "/assistants/" + id, null).path("id").asString())
				.as("with a key or without, the same project").isEqualTo(id);
		}
	}

	@Test
	void withKeysOrAnAddressListensWhereServerAddressSays() {
		try (RunningServer server = RunningServer.inMemory("assistants.server.api-keys[0].key=k",
				"assistants.server.api-keys[0].project=p")) {
			assertThat(server.environment().getProperty("server.address")).isNull();
		}
		try (RunningServer server = RunningServer.inMemory("server.address=127.0.0.2")) {
			assertThat(Api.withKey("http://127.0.0.2:" + server.port() + "/v1", null).get("/assistants").status())
				.isEqualTo(200);
		}
	}

	@Test
	void pacesTheDeterministicModelSoThatARunCanBeCancelledInProgress() {
		try (RunningServer server = RunningServer.inMemory("assistants.server.deterministic.latency=200ms")) {
			Api api = Api.withKey(server.baseUrl(), null);
			String assistantId = api.ok("POST", "/assistants", "{\"model\":\"m\"}").path("id").asString();
			JsonNode run = api.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistantId
					+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Take your time\"}]}}");
			String threadId = run.path("thread_id").asString();
			String runId = run.path("id").asString();
			api.awaitRun(threadId, runId, "in_progress");
			assertThat(api.ok("POST", "/threads/" + threadId + "/runs/" + runId + "/cancel", null).path("status").asString())
				.isEqualTo("cancelling");
			assertThat(api.awaitRun(threadId, runId, "cancelled").path("cancelled_at").asLong()).isPositive();
		}
	}

	@Test
	void refusesToStartWithAKeyItCannotUse() {
		assertThatException().isThrownBy(() -> RunningServer.inMemory("assistants.server.api-keys[0].key=k"))
			.withStackTraceContaining("assistants.server.api-keys[0].project must not be blank");
		assertThatException()
			.isThrownBy(() -> RunningServer.inMemory("assistants.server.api-keys[0].key=sha256:abc",
					"assistants.server.api-keys[0].project=p"))
			.withStackTraceContaining("assistants.server.api-keys[0].key must be 'sha256:' and 64 hex digits");
	}

}
