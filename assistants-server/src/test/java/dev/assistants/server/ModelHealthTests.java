package dev.assistants.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.assistants.engine.Api;
import dev.assistants.model.springai.FakeChatCompletions;

import static dev.assistants.model.springai.FakeChatCompletions.error;
import static dev.assistants.model.springai.FakeChatCompletions.finish;
import static dev.assistants.model.springai.FakeChatCompletions.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model endpoint's health as the actuator shows it: down after three turns in a row that the
 * endpoint failed, up again with the next answer; a refused request does not make it down.
 */
class ModelHealthTests {

	@Test
	void isDownAfterThreeFailedTurnsInARowAndUpAgainWithTheNextAnswer() {
		try (FakeChatCompletions provider = new FakeChatCompletions();
				RunningServer server = RunningServer
					.inMemory(RunningServer.withSpringAi(provider, "management.endpoint.health.show-details=always"))) {
			Api api = Api.withKey(server.baseUrl(), null);
			Api actuator = Api.withKey("http://127.0.0.1:" + server.port(), null);
			JsonNode model = actuator.get("/actuator/health").json().at("/components/model");
			assertThat(model.path("status").asString()).isEqualTo("UP");
			assertThat(model.at("/details/model").asString()).isEqualTo("Spring AI OpenAiCompatibleChatModel");
			assertThat(model.at("/details/turns").asString()).isEqualTo("none yet");
			String assistant = api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();

			provider.answer(error(400, "This prompt is refused."));
			run(api, assistant, "failed");
			assertThat(actuator.get("/actuator/health/model").json().path("status").asString()).isEqualTo("UP");

			for (int i = 0; i < 3; i++) {
				provider.answer(error(503, "Overloaded."));
				run(api, assistant, "failed");
				String expected = (i < 2) ? "UP" : "DOWN";
				assertThat(actuator.get("/actuator/health/model").json().path("status").asString()).isEqualTo(expected);
			}
			Api.Response health = actuator.get("/actuator/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().at("/components/model/details/failuresInARow").asInt()).isEqualTo(3);
			assertThat(health.json().at("/components/model/details/lastError").asString()).startsWith("server_error: ");
			assertThat(health.text()).doesNotContain(RunningServer.PROVIDER_KEY);

			provider.answer(text("Back."), finish("stop"));
			run(api, assistant, "completed");
			JsonNode back = actuator.get("/actuator/health/model").json();
			assertThat(back.path("status").asString()).isEqualTo("UP");
			assertThat(back.at("/details/failuresInARow").asInt()).isZero();
			assertThat(back.at("/details/lastSuccess").asString()).isNotEmpty();
		}
	}

	private static void run(Api api, String assistant, String status) {
		JsonNode run = api.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistant
				+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}}");
		api.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), status);
	}

}
