package dev.assistants.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.assistants.engine.Api;
import dev.assistants.engine.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops under a running server: calls are answered with a 503 in OpenAI's shape within
 * a bounded time (clients retry them), health is DOWN, and when the database is back the server
 * goes on without a restart.
 */
class DatabaseOutageTests {

	private static final String KEY = "sk-outage-0123456789";

	@TempDir
	Path data;

	@Test
	void answers503WhileTheDatabaseIsDownAndGoesOnWhenItIsBack() throws IOException {
		int port = freePort();
		EmbeddedPostgres postgres = start(port);
		try (RunningServer server = RunningServer.onDatabase(Map.of("spring.datasource.url",
				postgres.getJdbcUrl("postgres", "postgres"), "spring.datasource.username", "postgres",
				"spring.datasource.password", "postgres"), "assistants.server.api-keys[0].key=" + KEY,
				"assistants.server.api-keys[0].project=outage", "management.endpoint.health.show-details=always")) {
			Api api = Api.withKey(server.baseUrl(), KEY);
			Api actuator = Api.withKey("http://127.0.0.1:" + server.port(), null);
			String assistant = api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
			assertThat(actuator.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");

			postgres.close();
			long start = System.nanoTime();
			Response refused = api.post("/assistants", "{\"model\":\"gpt-4o\"}");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.error().path("type").asString()).isEqualTo("server_error");
			assertThat(refused.error().path("message").asString()).startsWith("The server cannot reach its database");
			assertThat(api.get("/assistants/" + assistant).status()).isEqualTo(503);
			Response health = actuator.get("/actuator/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().path("status").asString()).isEqualTo("DOWN");
			assertThat(health.json().at("/components/db/status").asString()).isEqualTo("DOWN");

			postgres = start(port);
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> api.get("/assistants/" + assistant).status() == 200);
			JsonNode created = api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}");
			assertThat(created.path("id").asString()).startsWith("asst_");
			assertThat(actuator.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
		}
		finally {
			postgres.close();
		}
	}

	private EmbeddedPostgres start(int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(this.data)
			.setCleanDataDirectory(false)
			.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
