package dev.assistants.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assistants.engine.Api;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.TextDelta;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.store.postgresql.PostgresStore;
import dev.assistants.store.postgresql.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server on PostgreSQL with API keys, as a team deploys it: what it keeps, who may call it, and
 * what a restart leaves.
 */
class AssistantsServerTests {

	private static final String TEAM_A_KEY = "sk-team-a-secret-key";

	private static final String TEAM_B_KEY = "sk-team-b-secret-key";

	private static final String[] KEYS = { "assistants.server.api-keys[0].key=" + TEAM_A_KEY,
			"assistants.server.api-keys[0].project=team-a",
			"assistants.server.api-keys[1].key=sha256:" + sha256(TEAM_B_KEY),
			"assistants.server.api-keys[1].project=team-b" };

	@Test
	void keepsItsObjectsInPostgresql() {
		try (RunningServer server = RunningServer.onPostgres(KEYS); HikariDataSource database = TestDatabase.newDataSource()) {
			assertThat(server.bean(AssistantsStore.class)).isInstanceOf(PostgresStore.class);
			String id = Api.withKey(server.baseUrl(), TEAM_A_KEY)
				.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"name\":\"Stored\"}")
				.path("id")
				.asString();
			assertThat(JdbcClient.create(database)
				.sql("select project, body->>'name' from assistants where id = :id")
				.param("id", id)
				.query((row, number) -> row.getString(1) + ":" + row.getString(2))
				.single()).isEqualTo("team-a:Stored");
			JsonNode health = Api.withKey(server.baseUrl().replace("/v1", ""), null).ok("GET", "/actuator/health", null);
			assertThat(health.path("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void eachKeyWorksInItsOwnProject() {
		try (RunningServer server = RunningServer.onPostgres(KEYS)) {
			Api teamA = Api.withKey(server.baseUrl(), TEAM_A_KEY);
			Api teamB = Api.withKey(server.baseUrl(), TEAM_B_KEY);
				String assistantId = teamA.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
			assertThat(teamA.ok("GET", "/assistants/" + assistantId, null).path("id").asString()).isEqualTo(assistantId);
			assertThat(teamB.get("/assistants/" + assistantId).status()).as("a hashed key's project").isEqualTo(404);
			assertThat(Api.ids(teamB.ok("GET", "/assistants?limit=100", null))).doesNotContain(assistantId);
			Api.Response wrong = Api.withKey(server.baseUrl(), "sk-team-a-secret-kez").get("/assistants");
			assertThat(wrong.status()).isEqualTo(401);
			assertThat(wrong.error().path("code").asString()).isEqualTo("invalid_api_key");
			assertThat(Api.withKey(server.baseUrl(), null).get("/assistants").status()).isEqualTo(401);
			assertThat(Api.withAuthorization(server.baseUrl(), TEAM_A_KEY)
				.sendAsync("GET", "/assistants/" + assistantId, null, "api-key")
				.join()
				.status()).as("Azure-style api-key header").isEqualTo(200);
		}
	}

	@Test
	void neverShowsAnApiKeyOrTheJupyterServersTokenInTheActuator() {
		try (RunningServer exposed = RunningServer.inMemory(concat(KEYS, "management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"assistants.server.code-interpreter.jupyter-server.url=http://127.0.0.1:9",
				"assistants.server.code-interpreter.jupyter-server.token=jupyter-secret-token"))) {
			Api actuator = Api.withKey(exposed.baseUrl().replace("/v1", ""), null);
			String env = actuator.ok("GET", "/actuator/env", null).toString();
			String configprops = actuator.ok("GET", "/actuator/configprops", null).toString();
			assertThat(configprops).contains("team-a", "http://127.0.0.1:9");
			assertThat(env + configprops).doesNotContain(TEAM_A_KEY, sha256(TEAM_B_KEY), "jupyter-secret-token");
		}
	}

	@Test
	void everythingSurvivesARestart() {
		RunningServer first = RunningServer.onPostgres(KEYS);
		Api before = Api.withKey(first.baseUrl(), TEAM_A_KEY);
		String assistantId = before.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"tools\":[{\"type\":\"function\","
				+ "\"function\":{\"name\":\"order_status\",\"parameters\":{\"type\":\"object\",\"properties\":"
				+ "{\"order_id\":{\"type\":\"string\"}}}}}]}").path("id").asString();
		JsonNode run = before.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistantId
				+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"status of order 42\"}]}}");
		String threadId = run.path("thread_id").asString();
		JsonNode waiting = before.awaitRun(threadId, run.path("id").asString(), "requires_action");
		List<String> paths = List.of("/assistants/" + assistantId, "/threads/" + threadId, "/threads/" + threadId + "/messages",
				"/threads/" + threadId + "/runs/" + run.path("id").asString(),
				"/threads/" + threadId + "/runs/" + run.path("id").asString() + "/steps");
		List<JsonNode> read = paths.stream().map((path) -> before.ok("GET", path, null)).toList();
		first.close();
		try (RunningServer second = RunningServer.onPostgres(concat(KEYS))) {
			Api after = Api.withKey(second.baseUrl(), TEAM_A_KEY);
			for (int i = 0; i < paths.size(); i++) {
				assertThat(after.ok("GET", paths.get(i), null)).as(paths.get(i)).isEqualTo(read.get(i));
			}
			String callId = waiting.at("/required_action/submit_tool_outputs/tool_calls/0/id").asString();
			after.ok("POST", "/threads/" + threadId + "/runs/" + run.path("id").asString() + "/submit_tool_outputs",
					"{\"tool_outputs\":[{\"tool_call_id\":\"" + callId + "\",\"output\":\"shipped\"}]}");
			after.awaitRun(threadId, run.path("id").asString(), "completed");
			assertThat(after.ok("GET", "/threads/" + threadId + "/messages", null).at("/data/0/content/0/text/value").asString())
				.isEqualTo("Here is what I found: shipped");
		}
	}

	@Test
	void aRunInterruptedByAStopFailsWhenTheServerStartsAgain() {
		String threadId;
		String runId;
		try (RunningServer stopping = RunningServer.onPostgres(NeverFinishingModel.class, KEYS)) {
			Api api = Api.withKey(stopping.baseUrl(), TEAM_A_KEY);
			String assistantId = api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
			JsonNode run = api.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistantId
					+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Think\"}]}}");
			threadId = run.path("thread_id").asString();
			runId = run.path("id").asString();
			api.awaitRun(threadId, runId, "in_progress");
		}
		try (RunningServer restarted = RunningServer.onPostgres(KEYS)) {
			Api api = Api.withKey(restarted.baseUrl(), TEAM_A_KEY);
			JsonNode failed = api.awaitRun(threadId, runId, "failed");
			assertThat(failed.at("/last_error/code").asString()).isEqualTo("server_error");
			assertThat(failed.at("/last_error/message").asString())
				.isEqualTo("The run was interrupted: its server stopped while the run was in progress.");
			assertThat(api.ok("POST", "/threads/" + threadId + "/messages", "{\"role\":\"user\",\"content\":\"again\"}")
				.path("id").asString()).as("the thread is free again").startsWith("msg_");
		}
	}

	/** The hex SHA-256 of a key, as {@code printf %s key | sha256sum} prints it. */
	private static String sha256(String key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

	/**
	 * A model that starts to answer and never finishes, so that its run is in progress when the
	 * server stops.
	 */
	static class NeverFinishingModel {

		@Bean
		AssistantModel assistantModel() {
			return (request) -> Flux.<ModelOutput>just(new TextDelta("Thinking")).concatWith(Flux.never());
		}

	}

}
